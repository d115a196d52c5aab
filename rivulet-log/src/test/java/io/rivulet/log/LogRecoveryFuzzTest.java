package io.rivulet.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rivulet.fuzz.SeedSweep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fuzz targets over the log's recovery (docs/SECURITY.md, "Fuzzing"): arbitrary bytes after the
 * last valid batch, as a whole segment, and as the index files of a cleanly closed log. Recovery
 * must never throw, must report every byte it cuts, and the log must then hold exactly the records
 * that were written: those of the fixture, plus only whole batches with a valid CRC32C at the right
 * offset (checked by an independent reading of the format in {@link Oracle}).
 */
class LogRecoveryFuzzTest {
  /** Small segments and a dense index, so the fixture has several segments with index entries. */
  private static final LogConfig CONFIG = new LogConfig(600, 1, 1);
  private static final String NAME = "s";

  /** The fixture: 12 batches of 1 to 3 records, with null and empty keys and values. */
  static List<List<LogRecord>> batches() {
    List<List<LogRecord>> out = new ArrayList<>();
    for (int b = 0; b < 12; b++) {
      List<LogRecord> batch = new ArrayList<>();
      for (int i = 0; i <= b % 3; i++) {
        byte[] key = b % 4 == 1 ? null : ("k" + b).getBytes(UTF_8);
        byte[] value = b % 5 == 2 ? new byte[0] : ("v" + b + "/" + i + "-" + "x".repeat(b * 7)).getBytes(UTF_8);
        batch.add(new LogRecord(1000 + b, key, value, b));
      }
      out.add(batch);
    }
    return out;
  }

  @FuzzTest(maxDuration = "5m")
  void segmentTail(byte[] tail) throws IOException {
    withDir(dir -> {
      List<LogEntry> written = writeFixture(dir, LogConfig.defaults());
      Path segment = dir.resolve(NAME).resolve(Segment.fileName(0) + Segment.LOG_SUFFIX);
      Files.delete(dir.resolve(NAME).resolve(LogRecovery.CLEAN_MARKER));
      Files.write(segment, tail, StandardOpenOption.APPEND);
      Oracle.Parsed extra = Oracle.parse(tail, written.size());
      List<LogEntry> expected = new ArrayList<>(written);
      expected.addAll(extra.entries());
      reopenAndCheck(dir, LogConfig.defaults(), expected, tail.length - extra.bytes());
    });
  }

  @FuzzTest(maxDuration = "5m")
  void wholeSegment(byte[] data) throws IOException {
    withDir(dir -> {
      Path logDir = Files.createDirectories(dir.resolve(NAME));
      Files.write(logDir.resolve(Segment.fileName(0) + Segment.LOG_SUFFIX), data);
      Oracle.Parsed parsed = Oracle.parse(data, 0);
      reopenAndCheck(dir, LogConfig.defaults(), parsed.entries(), data.length - parsed.bytes());
    });
  }

  /**
   * Byte 0 picks a segment, byte 1 how many bytes of the rest are its {@code .index} (the
   * remainder is its {@code .timeindex}); the log was closed cleanly, so recovery trusts
   * consistent index files.
   */
  @FuzzTest(maxDuration = "5m")
  void indexFiles(byte[] data) throws IOException {
    withDir(dir -> {
      List<LogEntry> written = writeFixture(dir, CONFIG);
      List<Path> indexes = indexFilesOf(dir.resolve(NAME));
      if (data.length >= 2 && !indexes.isEmpty()) {
        Path index = indexes.get((data[0] & 0xff) % indexes.size());
        int split = Math.min(data.length - 2, data[1] & 0xff);
        Files.write(index, java.util.Arrays.copyOfRange(data, 2, 2 + split));
        Path timeIndex = index.resolveSibling(index.getFileName().toString()
            .replace(Segment.INDEX_SUFFIX, Segment.TIME_INDEX_SUFFIX));
        Files.write(timeIndex, java.util.Arrays.copyOfRange(data, 2 + split, data.length));
      }
      reopenAndCheck(dir, CONFIG, written, 0);
    });
  }

  @Test
  void segmentTailSweep() {
    assertThat(SeedSweep.run(getClass(), "segmentTail", this::segmentTail)).isPositive();
  }

  @Test
  void wholeSegmentSweep() {
    assertThat(SeedSweep.run(getClass(), "wholeSegment", this::wholeSegment)).isPositive();
  }

  @Test
  void indexFilesSweep() {
    assertThat(SeedSweep.run(getClass(), "indexFiles", this::indexFiles)).isPositive();
  }

  /**
   * Writes the seed corpus from files the log itself made: {@code -Drivulet.fuzz.writeSeeds=<dir>}
   * (the module's {@code src/test/resources/io/rivulet/log/LogRecoveryFuzzTestInputs}).
   */
  @Test
  @EnabledIfSystemProperty(named = "rivulet.fuzz.writeSeeds", matches = ".+")
  void writeSeeds() throws IOException {
    Path out = Path.of(System.getProperty("rivulet.fuzz.writeSeeds"));
    withDir(dir -> {
      writeFixture(dir, CONFIG);
      Path logDir = dir.resolve(NAME);
      byte[] first = Files.readAllBytes(logDir.resolve(Segment.fileName(0) + Segment.LOG_SUFFIX));
      seed(out.resolve("wholeSegment"), "segment-made-by-the-log", first);
      seed(out.resolve("wholeSegment"), "segment-cut-mid-batch", java.util.Arrays.copyOf(first, first.length - 5));
      List<Path> indexes = indexFilesOf(logDir);
      Path index = indexes.get(1);
      byte[] offsets = Files.readAllBytes(index);
      byte[] times = Files.readAllBytes(index.resolveSibling(
          index.getFileName().toString().replace(Segment.INDEX_SUFFIX, Segment.TIME_INDEX_SUFFIX)));
      ByteBuffer b = ByteBuffer.allocate(2 + offsets.length + times.length);
      b.put((byte) 1).put((byte) offsets.length).put(offsets).put(times);
      seed(out.resolve("indexFiles"), "index-files-made-by-the-log", b.array());
      ByteBuffer next = RecordBatch.encode(batches().get(0));
      RecordBatch.setBaseOffset(next, 0);
      seed(out.resolve("segmentTail"), "a-batch-at-the-wrong-offset", next.array());
    });
    withDir(dir -> {
      List<LogEntry> written = writeFixture(dir, LogConfig.defaults());
      ByteBuffer next = RecordBatch.encode(batches().get(2));
      RecordBatch.setBaseOffset(next, written.size());
      seed(out.resolve("segmentTail"), "the-next-batch", next.array());
      seed(out.resolve("segmentTail"), "the-next-batch-cut", java.util.Arrays.copyOf(next.array(), 40));
    });
  }

  private static void seed(Path dir, String name, byte[] data) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), data);
  }

  /** Writes the fixture with a clean close; returns the entries as written. */
  private static List<LogEntry> writeFixture(Path dir, LogConfig config) {
    List<LogEntry> written = new ArrayList<>();
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), config)) {
      ShardLog log = m.open(NAME);
      for (List<LogRecord> batch : batches()) {
        long base = log.append(batch).join().firstOffset();
        for (int i = 0; i < batch.size(); i++) {
          LogRecord r = batch.get(i);
          written.add(new LogEntry(base + i, r.timestamp(), r.key(), r.value(), r.attributes()));
        }
      }
    }
    return written;
  }

  /**
   * Reopens the log and checks that it holds exactly {@code expected}, that recovery reported
   * {@code truncated} bytes, that every offset and timestamp lookup agrees, and that the log takes
   * and keeps a further append.
   */
  private static void reopenAndCheck(Path dir, LogConfig config, List<LogEntry> expected, long truncated) {
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), config)) {
      ShardLog log = m.open(NAME);
      assertThat(m.recoveryReports()).singleElement()
          .satisfies(r -> assertThat(r.truncatedBytes()).as(r.reason()).isEqualTo(truncated));
      assertSame(ShardLogContractTest.readAll(log), expected);
      for (int from = 0; from < expected.size(); from++) {
        assertSame(log.read(from, 2, Long.MAX_VALUE), expected.subList(from, Math.min(expected.size(), from + 2)));
      }
      long previous = Long.MIN_VALUE;
      for (LogEntry e : expected) {
        if (e.timestamp() > previous) {
          assertThat(log.offsetForTimestamp(e.timestamp())).as("offset for %s", e.timestamp()).isEqualTo(e.offset());
          previous = e.timestamp();
        }
      }
      log.append(List.of(new LogRecord(5000, null, "after".getBytes(UTF_8)))).join();
    }
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), config)) {
      List<LogEntry> all = ShardLogContractTest.readAll(m.open(NAME));
      assertSame(all.subList(0, expected.size()), expected);
      assertThat(all).hasSize(expected.size() + 1);
    }
  }

  private static void assertSame(List<LogEntry> actual, List<LogEntry> expected) {
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < actual.size(); i++) {
      LogEntry a = actual.get(i);
      LogEntry e = expected.get(i);
      assertThat(a.offset()).isEqualTo(e.offset());
      assertThat(a.timestamp()).isEqualTo(e.timestamp());
      assertThat(a.attributes()).isEqualTo(e.attributes());
      assertThat(a.key()).isEqualTo(e.key());
      assertThat(a.value()).isEqualTo(e.value());
    }
  }

  private static List<Path> indexFilesOf(Path logDir) throws IOException {
    try (Stream<Path> files = Files.list(logDir)) {
      return files.filter(p -> p.toString().endsWith(Segment.INDEX_SUFFIX)).sorted().toList();
    }
  }

  @FunctionalInterface
  private interface InDir {
    void run(Path dir) throws IOException;
  }

  /** Runs in a fresh directory on tmpfs where there is one (fsyncs are free there), then removes it. */
  private static void withDir(InDir body) throws IOException {
    Path shm = Path.of("/dev/shm");
    Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "rivulet-fuzz-") : Files.createTempDirectory("rivulet-fuzz-");
    try {
      body.run(dir);
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }

  /** The record-batch format of docs/FORMAT.md read independently of {@link RecordBatch}. */
  static final class Oracle {
    record Parsed(List<LogEntry> entries, int bytes) {}

    private Oracle() {}

    /** The whole valid batches at the start of {@code data}, the first at offset {@code base}. */
    static Parsed parse(byte[] data, long base) {
      ByteBuffer in = ByteBuffer.wrap(data);
      List<LogEntry> entries = new ArrayList<>();
      int pos = 0;
      long next = base;
      while (true) {
        List<LogEntry> batch = batchAt(in, pos, next);
        if (batch == null) {
          return new Parsed(entries, pos);
        }
        entries.addAll(batch);
        pos += 12 + in.getInt(pos + 8);
        next += batch.size();
      }
    }

    /** The records of the valid batch at {@code pos} starting at offset {@code base}, or null. */
    private static List<LogEntry> batchAt(ByteBuffer in, int pos, long base) {
      int left = in.limit() - pos;
      if (left < 29 || in.getLong(pos) != base || in.get(pos + 12) != 1) {
        return null;
      }
      int length = in.getInt(pos + 8);
      int count = in.getInt(pos + 17);
      if (length < 17 || length > left - 12 || count < 1) {
        return null;
      }
      CRC32C crc = new CRC32C();
      crc.update(in.array(), pos + 17, length - 5);
      if ((int) crc.getValue() != in.getInt(pos + 13)) {
        return null;
      }
      int end = pos + 12 + length;
      int at = pos + 29;
      List<LogEntry> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        if (end - at < 20) {
          return null;
        }
        int attributes = in.getInt(at);
        long timestamp = in.getLong(at + 4);
        byte[][] kv = new byte[2][];
        at += 12;
        for (int f = 0; f < 2; f++) {
          int n = in.getInt(at);
          at += 4;
          if (n < -1 || n > end - at) {
            return null;
          }
          kv[f] = n < 0 ? null : java.util.Arrays.copyOfRange(in.array(), at, at + n);
          at += Math.max(n, 0);
          if (f == 0 && end - at < 4) {
            return null;
          }
        }
        out.add(new LogEntry(base + i, timestamp, kv[0], kv[1], attributes));
      }
      return at == end ? out : null;
    }
  }
}
