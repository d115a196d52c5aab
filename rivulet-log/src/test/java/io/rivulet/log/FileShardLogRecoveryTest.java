package io.rivulet.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Breaks file logs on purpose: cut tails, garbage, flipped bytes, lost indexes, failing disks. */
class FileShardLogRecoveryTest {
  private static final String SEGMENT_0 = Segment.fileName(0) + Segment.LOG_SUFFIX;
  @TempDir Path dir;

  /** Appends {@code batches} batches of 1 to 3 records; returns the segment size after each. */
  private static long[] fill(ShardLog log, Path segment, int batches) throws IOException {
    long[] ends = new long[batches];
    for (int b = 0; b < batches; b++) {
      List<LogRecord> records = new ArrayList<>();
      for (int i = 0; i <= b % 3; i++) {
        records.add(new LogRecord(1000 + b, ("k" + b).getBytes(UTF_8), (b + "/" + i).getBytes(UTF_8)));
      }
      log.append(records).join();
      ends[b] = Files.size(segment);
    }
    return ends;
  }

  private static long offsetAfter(int batch) {
    long offset = 0;
    for (int b = 0; b <= batch; b++) {
      offset += b % 3 + 1;
    }
    return offset;
  }

  private static void assertContent(ShardLog log, long endOffset) {
    List<LogEntry> all = ShardLogContractTest.readAll(log);
    assertThat(all).hasSize((int) endOffset);
    int i = 0;
    for (int b = 0; i < endOffset; b++) {
      for (int r = 0; r <= b % 3; r++, i++) {
        assertThat(all.get(i).offset()).isEqualTo(i);
        assertThat(new String(all.get(i).value(), UTF_8)).isEqualTo(b + "/" + r);
        assertThat(all.get(i).timestamp()).isEqualTo(1000 + b);
      }
    }
  }

  /** Closes the manager, then removes the clean-shutdown marker as if the process had died. */
  private static void crash(LogManager manager, Path logDir) throws IOException {
    manager.close();
    Files.delete(logDir.resolve(LogRecovery.CLEAN_MARKER));
  }

  @Test
  void cutAtEveryByteOfTheTailKeepsExactlyTheWholeBatchesBefore() throws IOException {
    Path source = dir.resolve("source");
    long[] ends;
    try (FileLogManager m = new FileLogManager(source, FsyncPolicy.never())) {
      ends = fill(m.open("s"), source.resolve("s").resolve(SEGMENT_0), 10);
    }
    byte[] full = Files.readAllBytes(source.resolve("s").resolve(SEGMENT_0));
    int firstBatch = 6;
    try (FileLogManager m = new FileLogManager(dir.resolve("cuts"), FsyncPolicy.never())) {
      for (int cut = (int) ends[firstBatch]; cut <= full.length; cut++) {
        Path logDir = dir.resolve("cuts").resolve("c" + cut);
        Files.createDirectories(logDir);
        Files.write(logDir.resolve(SEGMENT_0), java.util.Arrays.copyOf(full, cut));
        int whole = 0;
        while (whole < ends.length && ends[whole] <= cut) {
          whole++;
        }
        long expectedEnd = offsetAfter(whole - 1);
        long dropped = cut - ends[whole - 1];
        ShardLog log = m.open("c" + cut);
        RecoveryReport report = m.recoveryReports().get(m.recoveryReports().size() - 1);
        assertThat(report.logName()).isEqualTo("c" + cut);
        assertThat(report.recoveredEndOffset()).as("cut %d", cut).isEqualTo(expectedEnd);
        assertThat(report.truncatedBytes()).as("cut %d", cut).isEqualTo(dropped);
        assertThat(report.lostData()).isEqualTo(dropped > 0);
        assertThat(report.reason().isEmpty()).isEqualTo(dropped == 0);
        assertThat(log.endOffset()).isEqualTo(expectedEnd);
        assertThat(Files.size(logDir.resolve(SEGMENT_0))).isEqualTo(ends[whole - 1]);
        assertContent(log, expectedEnd);
        assertThat(log.append(List.of(new LogRecord(5, null, null))).join().firstOffset())
            .isEqualTo(expectedEnd);
        log.delete();
      }
    }
  }

  @Test
  void garbageAfterValidDataIsCutOffWithOrWithoutCleanShutdown() throws IOException {
    for (boolean clean : new boolean[] {true, false}) {
      Path root = dir.resolve("g" + clean);
      Path segment = root.resolve("s").resolve(SEGMENT_0);
      FileLogManager m = new FileLogManager(root, FsyncPolicy.group());
      long[] ends = fill(m.open("s"), segment, 5);
      if (clean) {
        m.close();
      } else {
        crash(m, root.resolve("s"));
      }
      byte[] garbage = new byte[1000];
      new Random(42).nextBytes(garbage);
      Files.write(segment, garbage, StandardOpenOption.APPEND);
      try (FileLogManager m2 = new FileLogManager(root, FsyncPolicy.group())) {
        ShardLog log = m2.open("s");
        assertThat(log.endOffset()).isEqualTo(offsetAfter(4));
        assertThat(m2.recoveryReports().get(0).truncatedBytes()).isEqualTo(1000);
        assertThat(Files.size(segment)).isEqualTo(ends[4]);
        assertContent(log, offsetAfter(4));
      }
    }
  }

  @Test
  void aFlippedByteInAnEarlierBatchTruncatesThereAndReportsTheCrc() throws IOException {
    Path segment = dir.resolve("s").resolve(SEGMENT_0);
    FileLogManager m = new FileLogManager(dir, FsyncPolicy.group());
    long[] ends = fill(m.open("s"), segment, 8);
    crash(m, dir.resolve("s"));
    byte[] bytes = Files.readAllBytes(segment);
    int inBatch2Records = (int) ends[1] + RecordBatch.RECORDS_OFFSET + 5;
    bytes[inBatch2Records] ^= 0x10;
    Files.write(segment, bytes);
    try (FileLogManager m2 = new FileLogManager(dir, FsyncPolicy.group())) {
      ShardLog log = m2.open("s");
      RecoveryReport report = m2.recoveryReports().get(0);
      assertThat(log.endOffset()).isEqualTo(offsetAfter(1));
      assertThat(report.truncatedBytes()).isEqualTo(bytes.length - ends[1]);
      assertThat(report.reason()).contains("CRC32C").contains("position " + ends[1]);
      assertContent(log, offsetAfter(1));
    }
  }

  @Test
  void aCorruptBaseOffsetIsAnOffsetDiscontinuity() throws IOException {
    Path segment = dir.resolve("s").resolve(SEGMENT_0);
    FileLogManager m = new FileLogManager(dir, FsyncPolicy.never());
    long[] ends = fill(m.open("s"), segment, 4);
    crash(m, dir.resolve("s"));
    byte[] bytes = Files.readAllBytes(segment);
    bytes[(int) ends[2] + 7] ^= 1;
    Files.write(segment, bytes);
    try (FileLogManager m2 = new FileLogManager(dir, FsyncPolicy.never())) {
      assertThat(m2.open("s").endOffset()).isEqualTo(offsetAfter(2));
      assertThat(m2.recoveryReports().get(0).reason()).contains("offset discontinuity");
    }
  }

  private static final LogConfig SMALL = new LogConfig(4096, 256, 1);

  private static List<Path> files(Path logDir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(logDir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static List<byte[]> contents(List<Path> paths) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (Path p : paths) {
      out.add(Files.readAllBytes(p));
    }
    return out;
  }

  /** Damages the index files in various ways; recovery must rebuild them to the same bytes. */
  @Test
  void missingShortOrInconsistentIndexesAreRebuilt() throws IOException {
    Path logDir = dir.resolve("s");
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), SMALL)) {
      fill(m.open("s"), logDir.resolve(SEGMENT_0), 300);
    }
    assertThat(files(logDir, ".log")).hasSizeGreaterThan(5);
    List<byte[]> indexes = contents(files(logDir, ".index"));
    List<byte[]> timeIndexes = contents(files(logDir, ".timeindex"));
    assertThat(indexes.get(0).length).isGreaterThan(SegmentIndex.OFFSET_ENTRY_SIZE * 3);
    List<IoAction> damages = List.of(
        p -> Files.delete(p),
        p -> Files.write(p, new byte[0]),
        p -> Files.write(p, java.util.Arrays.copyOf(Files.readAllBytes(p), 13)),
        p -> Files.write(p, java.util.Arrays.copyOf(Files.readAllBytes(p), 24)),
        p -> {
          byte[] b = Files.readAllBytes(p);
          b[b.length - 1] ^= 0x7f;
          Files.write(p, b);
        });
    for (boolean clean : new boolean[] {true, false}) {
      for (IoAction damage : damages) {
        for (Path p : files(logDir, "index")) {
          damage.run(p);
        }
        if (!clean) {
          Files.delete(logDir.resolve(LogRecovery.CLEAN_MARKER));
        }
        try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), SMALL)) {
          ShardLog log = m.open("s");
          assertThat(m.recoveryReports().get(0).lostData()).isFalse();
          assertContent(log, offsetAfter(299));
          for (int b = 0; b < 300; b += 13) {
            assertThat(log.offsetForTimestamp(1000 + b)).isEqualTo(b == 0 ? 0 : offsetAfter(b - 1));
            assertThat(log.read(offsetAfter(b) - 1, 1, 100).get(0).timestamp()).isEqualTo(1000 + b);
          }
        }
        assertThat(contents(files(logDir, ".index"))).containsExactlyElementsOf(indexes);
        assertThat(contents(files(logDir, ".timeindex"))).containsExactlyElementsOf(timeIndexes);
      }
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run(Path p) throws IOException;
  }

  @Test
  void aMissingMiddleSegmentDropsEverythingAfterIt() throws IOException {
    Path logDir = dir.resolve("s");
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), SMALL)) {
      fill(m.open("s"), logDir.resolve(SEGMENT_0), 200);
    }
    List<Path> segments = files(logDir, ".log");
    Files.delete(segments.get(2));
    long expectedEnd = Long.parseLong(segments.get(2).getFileName().toString().substring(0, 20));
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), SMALL)) {
      ShardLog log = m.open("s");
      assertThat(log.endOffset()).isEqualTo(expectedEnd);
      assertThat(m.recoveryReports().get(0).lostData()).isTrue();
      assertThat(m.recoveryReports().get(0).reason()).contains("does not start at");
      assertThat(files(logDir, ".log")).hasSize(2);
      assertThat(ShardLogContractTest.readAll(log)).hasSize((int) expectedEnd);
    }
  }

  @Test
  void segmentsAreNamedByBaseOffsetAndRetentionDeletesWholeOnes() throws IOException {
    Path logDir = dir.resolve("a/b/c");
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group(), SMALL)) {
      ShardLog log = m.open("a/b/c");
      fill(log, logDir.resolve(SEGMENT_0), 300);
      List<Path> before = files(logDir, ".log");
      assertThat(before.get(0).getFileName().toString()).isEqualTo("00000000000000000000.log");
      long second = Long.parseLong(before.get(1).getFileName().toString().substring(0, 20));
      long third = Long.parseLong(before.get(2).getFileName().toString().substring(0, 20));
      long size = log.sizeInBytes();
      long hidden = log.applyRetention(log.read(third + 1, 1, 10).get(0).timestamp());
      assertThat(log.startOffset()).isGreaterThan(third).isEqualTo(hidden);
      List<Path> after = files(logDir, ".log");
      assertThat(after).doesNotContain(before.get(0), before.get(1)).contains(before.get(2));
      assertThat(files(logDir, ".index")).hasSize(after.size() - 1); // the active one's comes at close
      assertThat(log.sizeInBytes()).isLessThan(size);
      assertThat(second).isPositive();
    }
  }

  @Test
  void endOffsetSurvivesRetentionOfEverythingEvenWithoutSegmentFiles() throws IOException {
    Path logDir = dir.resolve("s");
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group(), SMALL)) {
      ShardLog log = m.open("s");
      fill(log, logDir.resolve(SEGMENT_0), 100);
      assertThat(log.applyRetention(Long.MAX_VALUE)).isEqualTo(offsetAfter(99));
    }
    for (Path p : files(logDir, "")) {
      if (!p.getFileName().toString().equals(Checkpoint.FILE_NAME)) {
        Files.delete(p);
      }
    }
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group(), SMALL)) {
      ShardLog log = m.open("s");
      assertThat(log.startOffset()).isEqualTo(offsetAfter(99));
      assertThat(log.endOffset()).isEqualTo(offsetAfter(99));
      assertThat(log.append(List.of(new LogRecord(1, null, null))).join().firstOffset())
          .isEqualTo(offsetAfter(99));
    }
  }

  @Test
  void aFailedWriteFailsTheAppendLeavesNoTraceAndTheLogGoesOn() throws IOException {
    FailingFileChannel.Switches switches = new FailingFileChannel.Switches();
    Path segment = dir.resolve("s").resolve(SEGMENT_0);
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group(), LogConfig.defaults(),
        FailingFileChannel.opener(switches))) {
      ShardLog log = m.open("s");
      fill(log, segment, 3);
      long size = Files.size(segment);
      switches.failWrites = true;
      assertThatThrownBy(() -> log.append(List.of(new LogRecord(1, null, new byte[500]))).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(LogException.class)
          .hasMessageContaining("No space left on device");
      assertThat(Files.size(segment)).isEqualTo(size);
      assertThat(log.endOffset()).isEqualTo(offsetAfter(2));
      switches.failWrites = false;
      assertThat(log.append(List.of(new LogRecord(1003, null, "3/0".getBytes(UTF_8)))).join().firstOffset())
          .isEqualTo(offsetAfter(2));
      assertContent(log, offsetAfter(3));
    }
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group())) {
      assertThat(m.open("s").endOffset()).isEqualTo(offsetAfter(2) + 1);
      assertThat(m.recoveryReports().get(0).lostData()).isFalse();
    }
  }

  @Test
  void aFailedFsyncFailsTheAppendsItCoveredAndStopsTheLogUntilReopened() throws IOException {
    FailingFileChannel.Switches switches = new FailingFileChannel.Switches();
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group(), LogConfig.defaults(),
        FailingFileChannel.opener(switches))) {
      ShardLog log = m.open("s");
      fill(log, dir.resolve("s").resolve(SEGMENT_0), 3);
      switches.failForce = true;
      assertThatThrownBy(() -> log.append(List.of(new LogRecord(1, null, null))).join())
          .hasCauseInstanceOf(LogException.class)
          .hasMessageContaining("fsync");
      switches.failForce = false;
      assertThatThrownBy(() -> log.append(List.of(new LogRecord(1, null, null))).join())
          .hasCauseInstanceOf(LogException.class)
          .hasMessageContaining("reopen");
    }
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.group())) {
      ShardLog log = m.open("s");
      assertThat(log.endOffset()).isEqualTo(offsetAfter(2) + 1);
      assertThat(log.append(List.of(new LogRecord(1, null, null))).join().firstOffset())
          .isEqualTo(offsetAfter(2) + 1);
    }
  }

  @Test
  void namesMapToNestedDirectoriesAndBadNamesAreRejected() {
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never())) {
      ShardLog parent = m.open("a");
      ShardLog child = m.open("a/b");
      child.append(List.of(new LogRecord(1, null, null))).join();
      parent.delete();
      assertThat(Files.isDirectory(dir.resolve("a/b"))).isTrue();
      assertThat(child.endOffset()).isEqualTo(1);
      child.delete();
      assertThat(Files.exists(dir.resolve("a"))).isFalse();
      for (String bad : new String[] {"", "/abs", "a/../b", "a//b", "a/", ".", "a\\b"}) {
        assertThatThrownBy(() -> m.open(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }
}
