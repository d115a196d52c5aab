package io.rivulet.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ShardLog} implementation shares, run against each of them (the memory
 * and the file log, and anything built on {@link LogManager} elsewhere: this class is exported in
 * {@code rivulet-log}'s test-jar). Subclasses say how to make a manager.
 */
public abstract class ShardLogContractTest {
  protected static final String NAME = "000000000000/us-east-1/stream-1/shardId-000000000000";

  @TempDir protected Path dir;
  protected LogManager manager;
  protected ShardLog log;

  /** A manager over {@code dir}; for a file implementation it reopens what is there. */
  protected abstract LogManager newManager(Path dir);

  /** Whether {@link #reopen()} restarts the manager (file logs) or reuses it (memory logs). */
  protected boolean reopenRestartsManager() {
    return true;
  }

  @BeforeEach
  void openLog() {
    manager = newManager(dir);
    log = manager.open(NAME);
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  protected void reopen() {
    log.close();
    if (reopenRestartsManager()) {
      manager.close();
      manager = newManager(dir);
    }
    log = manager.open(NAME);
  }

  protected static LogRecord rec(long timestamp, String key, String value) {
    return new LogRecord(timestamp, key.getBytes(UTF_8), value.getBytes(UTF_8));
  }

  protected static AppendResult append(ShardLog log, LogRecord... records) {
    return log.append(List.of(records)).orTimeout(10, TimeUnit.SECONDS).join();
  }

  protected static List<LogEntry> readAll(ShardLog log) {
    List<LogEntry> all = new ArrayList<>();
    long next = log.startOffset();
    while (true) {
      List<LogEntry> batch = log.read(next, 1000, Long.MAX_VALUE);
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
      next = batch.get(batch.size() - 1).offset() + 1;
    }
  }

  protected static String value(LogEntry e) {
    return new String(e.value(), UTF_8);
  }

  @Test
  void emptyLogHasNothingToRead() {
    assertThat(log.startOffset()).isZero();
    assertThat(log.endOffset()).isZero();
    assertThat(log.read(0, 10, 1000)).isEmpty();
    assertThat(log.offsetForTimestamp(0)).isZero();
    assertThat(log.applyRetention(Long.MAX_VALUE)).isZero();
  }

  @Test
  void appendAssignsConsecutiveOffsetsAndReadsBackExactly() {
    AppendResult first = append(log, rec(10, "a", "1"), rec(12, "b", "2"));
    AppendResult second =
        append(log, new LogRecord(11, null, new byte[0], 7), new LogRecord(13, new byte[] {0, -1}, null, -2));
    assertThat(first).isEqualTo(new AppendResult(0, 2, 12));
    assertThat(second).isEqualTo(new AppendResult(2, 2, 13));
    assertThat(second.lastOffset()).isEqualTo(3);
    assertThat(log.endOffset()).isEqualTo(4);
    List<LogEntry> all = log.read(0, 100, Long.MAX_VALUE);
    assertThat(all).extracting(LogEntry::offset).containsExactly(0L, 1L, 2L, 3L);
    assertThat(all).extracting(LogEntry::timestamp).containsExactly(10L, 12L, 11L, 13L);
    assertThat(value(all.get(1))).isEqualTo("2");
    assertThat(all.get(2).key()).isNull();
    assertThat(all.get(2).value()).isEmpty();
    assertThat(all.get(2).attributes()).isEqualTo(7);
    assertThat(all.get(3).key()).containsExactly(0, -1);
    assertThat(all.get(3).value()).isNull();
    assertThat(all.get(3).attributes()).isEqualTo(-2);
  }

  @Test
  void appendCopiesTheCallersArrays() {
    byte[] v = "abc".getBytes(UTF_8);
    append(log, new LogRecord(1, v, v));
    v[0] = 'X';
    assertThat(value(log.read(0, 1, 100).get(0))).isEqualTo("abc");
  }

  @Test
  void emptyAppendChangesNothing() {
    append(log, rec(1, "k", "v"));
    AppendResult r = log.append(List.of()).join();
    assertThat(r.count()).isZero();
    assertThat(r.firstOffset()).isEqualTo(1);
    assertThat(log.endOffset()).isEqualTo(1);
  }

  @Test
  void readsFromTheMiddleClampToStartAndEndAtEnd() {
    for (int i = 0; i < 10; i++) {
      append(log, rec(i, "k", "v" + i), rec(i, "k", "w" + i));
    }
    assertThat(log.read(5, 3, Long.MAX_VALUE)).extracting(ShardLogContractTest::value)
        .containsExactly("w2", "v3", "w3");
    assertThat(log.read(-5, 1, Long.MAX_VALUE)).extracting(LogEntry::offset).containsExactly(0L);
    assertThat(log.read(20, 10, Long.MAX_VALUE)).isEmpty();
    assertThat(log.read(1000, 10, Long.MAX_VALUE)).isEmpty();
    assertThat(log.read(19, 10, Long.MAX_VALUE)).extracting(LogEntry::offset).containsExactly(19L);
    assertThat(log.read(0, 0, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void maxBytesStopsBeforeTheRecordThatWouldExceedItButReturnsAtLeastOne() {
    append(log, rec(1, "k", "0123456789"), rec(1, "k", "0123456789"), rec(1, "k", "0123456789"));
    assertThat(log.read(0, 10, 22)).hasSize(2);
    assertThat(log.read(0, 10, 21)).hasSize(1);
    assertThat(log.read(0, 10, 1)).hasSize(1);
    assertThat(log.read(1, 10, 33)).hasSize(2);
  }

  @Test
  void readsAcrossManyBatches() {
    int n = 0;
    for (int b = 0; b < 300; b++) {
      List<LogRecord> batch = new ArrayList<>();
      for (int i = 0; i <= b % 7; i++) {
        batch.add(rec(b, "key-" + n, "value-" + n + "-" + "x".repeat(b % 50)));
        n++;
      }
      log.append(batch).join();
    }
    List<LogEntry> all = readAll(log);
    assertThat(all).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(all.get(i).offset()).isEqualTo(i);
      assertThat(new String(all.get(i).key(), UTF_8)).isEqualTo("key-" + i);
    }
    for (int offset : new int[] {0, 1, 77, 500, n - 1}) {
      assertThat(log.read(offset, 1, Long.MAX_VALUE).get(0).offset()).isEqualTo(offset);
    }
  }

  @Test
  void timestampLookupTreatsTimestampsAsNonDecreasing() {
    append(log, rec(100, "k", "a"), rec(200, "k", "b"));
    append(log, rec(150, "k", "c"), rec(300, "k", "d"));
    assertThat(log.offsetForTimestamp(50)).isEqualTo(0);
    assertThat(log.offsetForTimestamp(100)).isEqualTo(0);
    assertThat(log.offsetForTimestamp(101)).isEqualTo(1);
    assertThat(log.offsetForTimestamp(150)).isEqualTo(1);
    assertThat(log.offsetForTimestamp(201)).isEqualTo(3);
    assertThat(log.offsetForTimestamp(300)).isEqualTo(3);
    assertThat(log.offsetForTimestamp(301)).isEqualTo(4);
    assertThat(log.read(2, 1, 100).get(0).timestamp()).isEqualTo(150);
  }

  @Test
  void timestampLookupAcrossManyBatches() {
    for (int b = 0; b < 400; b++) {
      append(log, rec(1000 + b * 10L, "k", "v".repeat(40)), rec(1000 + b * 10L + 5, "k", "w".repeat(40)));
    }
    for (int b = 0; b < 400; b += 37) {
      assertThat(log.offsetForTimestamp(1000 + b * 10L)).isEqualTo(2L * b);
      assertThat(log.offsetForTimestamp(1000 + b * 10L + 1)).isEqualTo(2L * b + 1);
      assertThat(log.offsetForTimestamp(1000 + b * 10L + 6)).isEqualTo(2L * b + 2);
    }
  }

  @Test
  void retentionHidesOldRecordsAndSurvivesReopen() {
    for (int b = 0; b < 200; b++) {
      append(log, rec(1000 + b, "k", "v" + b + "x".repeat(100)));
    }
    long sizeBefore = log.sizeInBytes();
    assertThat(log.applyRetention(1000)).isZero();
    assertThat(log.applyRetention(1150)).isEqualTo(150);
    assertThat(log.startOffset()).isEqualTo(150);
    assertThat(log.endOffset()).isEqualTo(200);
    assertThat(log.read(0, 1, 1000).get(0).offset()).isEqualTo(150);
    assertThat(log.offsetForTimestamp(0)).isEqualTo(150);
    assertThat(log.applyRetention(1100)).isZero();
    assertThat(log.sizeInBytes()).isLessThanOrEqualTo(sizeBefore);
    reopen();
    assertThat(log.startOffset()).isEqualTo(150);
    assertThat(log.endOffset()).isEqualTo(200);
    assertThat(readAll(log)).extracting(LogEntry::offset).first().isEqualTo(150L);
    assertThat(readAll(log)).hasSize(50);
  }

  @Test
  void retentionOfEverythingKeepsOffsetsMonotonic() {
    for (int b = 0; b < 50; b++) {
      append(log, rec(1000 + b, "k", "v".repeat(200)), rec(1000 + b, "k", "w"));
    }
    assertThat(log.applyRetention(5000)).isEqualTo(100);
    assertThat(log.startOffset()).isEqualTo(100);
    assertThat(log.endOffset()).isEqualTo(100);
    assertThat(log.read(0, 10, 1000)).isEmpty();
    assertThat(log.offsetForTimestamp(0)).isEqualTo(100);
    reopen();
    assertThat(log.startOffset()).isEqualTo(100);
    assertThat(log.endOffset()).isEqualTo(100);
    assertThat(append(log, rec(6000, "k", "new")).firstOffset()).isEqualTo(100);
    assertThat(log.read(0, 10, 1000)).extracting(ShardLogContractTest::value).containsExactly("new");
    reopen();
    assertThat(log.endOffset()).isEqualTo(101);
    assertThat(log.applyRetention(7000)).isEqualTo(1);
    reopen();
    assertThat(log.startOffset()).isEqualTo(101);
    assertThat(log.endOffset()).isEqualTo(101);
  }

  @Test
  void dataSurvivesReopen() {
    append(log, rec(1, "a", "1"), rec(2, "b", "2"));
    append(log, rec(3, "c", "3"));
    reopen();
    assertThat(log.endOffset()).isEqualTo(3);
    assertThat(readAll(log)).extracting(ShardLogContractTest::value).containsExactly("1", "2", "3");
    assertThat(append(log, rec(4, "d", "4")).firstOffset()).isEqualTo(3);
    assertThat(log.offsetForTimestamp(3)).isEqualTo(2);
  }

  @Test
  void sizeGrowsWithAppends() {
    long empty = log.sizeInBytes();
    append(log, rec(1, "k", "x".repeat(1000)));
    assertThat(log.sizeInBytes()).isGreaterThan(empty + 1000);
  }

  @Test
  void concurrentAppendersKeepBatchesWholeAndInOrderAndCompleteEveryFuture() throws Exception {
    int threads = 6;
    int perThread = 150;
    List<List<CompletableFuture<AppendResult>>> futures = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<CompletableFuture<AppendResult>> mine = new ArrayList<>();
      futures.add(mine);
      int thread = t;
      workers.add(new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int s = 0; s < perThread; s++) {
          List<LogRecord> batch = new ArrayList<>();
          for (int i = 0; i <= s % 4; i++) {
            batch.add(rec(s, "t" + thread, thread + "/" + s + "/" + i));
          }
          mine.add(log.append(batch));
        }
      }));
    }
    workers.forEach(Thread::start);
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }
    long total = 0;
    for (int t = 0; t < threads; t++) {
      long previous = -1;
      for (int s = 0; s < perThread; s++) {
        AppendResult r = futures.get(t).get(s).get(20, TimeUnit.SECONDS);
        assertThat(r.firstOffset()).isGreaterThan(previous);
        previous = r.firstOffset();
        assertThat(r.count()).isEqualTo(s % 4 + 1);
        total += r.count();
        List<LogEntry> entries = log.read(r.firstOffset(), r.count(), Long.MAX_VALUE);
        for (int i = 0; i < r.count(); i++) {
          assertThat(value(entries.get(i))).isEqualTo(t + "/" + s + "/" + i);
        }
      }
    }
    assertThat(log.endOffset()).isEqualTo(total);
    assertThat(readAll(log)).hasSize((int) total);
  }

  @Test
  void tailingReaderSeesEveryRecordOnceInOrder() throws Exception {
    int batches = 400;
    Thread writer = new Thread(() -> {
      for (int b = 0; b < batches; b++) {
        log.append(List.of(rec(b, "k", b + "/0"), rec(b, "k", b + "/1"), rec(b, "k", b + "/2")));
      }
    });
    writer.start();
    List<LogEntry> seen = new ArrayList<>();
    long next = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (seen.size() < batches * 3 && System.nanoTime() < deadline) {
      List<LogEntry> got = log.read(next, 7, Long.MAX_VALUE);
      for (LogEntry e : got) {
        assertThat(e.offset()).isEqualTo(next);
        next++;
        seen.add(e);
      }
    }
    writer.join();
    assertThat(seen).hasSize(batches * 3);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(value(seen.get(i))).isEqualTo(i / 3 + "/" + i % 3);
    }
  }

  @Test
  void closedLogRefusesEverythingButCloseAndReopens() {
    append(log, rec(1, "k", "v"));
    log.close();
    log.close();
    assertThatThrownBy(() -> log.append(List.of(rec(2, "k", "v"))).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(LogException.class);
    assertThatThrownBy(() -> log.read(0, 1, 100)).isInstanceOf(LogException.class);
    assertThatThrownBy(() -> log.endOffset()).isInstanceOf(LogException.class);
    assertThatThrownBy(() -> log.applyRetention(5)).isInstanceOf(LogException.class);
    if (reopenRestartsManager()) {
      manager.close();
      manager = newManager(dir);
    }
    log = manager.open(NAME);
    assertThat(log.endOffset()).isEqualTo(1);
  }

  @Test
  void deleteRemovesTheData() {
    append(log, rec(1, "k", "v"));
    log.delete();
    log = manager.open(NAME);
    assertThat(log.endOffset()).isZero();
    assertThat(log.read(0, 10, 100)).isEmpty();
  }

  @Test
  void openingTheSameNameTwiceGivesTheSameLog() {
    assertThat(manager.open(NAME)).isSameAs(log);
    ShardLog other = manager.open(NAME + "-other");
    append(other, rec(1, "k", "v"));
    assertThat(log.endOffset()).isZero();
  }
}
