package io.rivulet.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for what {@link LogRecoveryFuzzTest} found: index entries that were damaged but
 * still looked consistent were trusted after a clean shutdown (timestamp lookups skipped records;
 * a position inside a batch made reads allocate whatever length the bytes there claimed, up to an
 * {@code OutOfMemoryError}), and a position near the end of the segment failed the open with an
 * {@code EOFException}.
 */
class DamagedIndexTest {
  private static final LogConfig DENSE = new LogConfig(1 << 20, 1, 1);
  @TempDir Path dir;

  /** Ten batches of one record, timestamps 1000..1009, a clean close; returns the log's dir. */
  private Path writeTen() {
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), DENSE)) {
      ShardLog log = m.open("s");
      for (int i = 0; i < 10; i++) {
        log.append(List.of(new LogRecord(1000 + i, null, ("v" + i).getBytes(UTF_8)))).join();
      }
    }
    return dir.resolve("s");
  }

  private static Path file(Path logDir, String suffix) {
    return logDir.resolve(Segment.fileName(0) + suffix);
  }

  /** Rewrites entry {@code i} of an index file (without its CRC trailer) through {@code change}. */
  private static void patchEntry(Path file, int entrySize, int i, java.util.function.Consumer<ByteBuffer> change)
      throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    b.position(i * entrySize);
    change.accept(b);
    Files.write(file, b.array());
  }

  @Test
  void aLoweredTimestampInTheTimeIndexIsNotTrusted() throws IOException {
    Path logDir = writeTen();
    // entries 0..4 are batches 1..5 (ts 1001..1005); claiming 1000 for all keeps them non-decreasing
    for (int i = 0; i < 5; i++) {
      patchEntry(file(logDir, Segment.TIME_INDEX_SUFFIX), SegmentIndex.TIME_ENTRY_SIZE, i, b -> b.putLong(1000));
    }
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), DENSE)) {
      ShardLog log = m.open("s");
      for (int i = 0; i < 10; i++) {
        assertThat(log.offsetForTimestamp(1000 + i)).isEqualTo(i);
      }
    }
  }

  @Test
  void aPositionInsideABatchIsNotTrusted() throws IOException {
    Path logDir = writeTen();
    // entry 2 (batch 3): point one byte into the batch, where its header reads as garbage
    Path index = file(logDir, Segment.INDEX_SUFFIX);
    int position = ByteBuffer.wrap(Files.readAllBytes(index)).getInt(2 * SegmentIndex.OFFSET_ENTRY_SIZE + 4);
    patchEntry(index, SegmentIndex.OFFSET_ENTRY_SIZE, 2, b -> b.putInt(3).putInt(position + 1));
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), DENSE)) {
      ShardLog log = m.open("s");
      for (int i = 0; i < 10; i++) {
        assertThat(new String(log.read(i, 1, Long.MAX_VALUE).get(0).value(), UTF_8)).isEqualTo("v" + i);
      }
    }
  }

  @Test
  void aLastPositionWithoutRoomForAHeaderIsRebuiltNotAnOpenFailure() throws IOException {
    Path logDir = writeTen();
    long size = Files.size(file(logDir, Segment.LOG_SUFFIX));
    patchEntry(file(logDir, Segment.INDEX_SUFFIX), SegmentIndex.OFFSET_ENTRY_SIZE, 8,
        b -> b.putInt(9).putInt((int) size - 3));
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), DENSE)) {
      assertThat(ShardLogContractTest.readAll(m.open("s"))).hasSize(10);
    }
  }

  @Test
  void aDamagedBatchHeaderInATrustedSegmentFailsTheReadInsteadOfAllocatingItsLength() throws IOException {
    Path logDir = writeTen();
    // batch 1's Length claims 2 GiB; after a clean shutdown the segment is trusted up to its index
    Path segment = file(logDir, Segment.LOG_SUFFIX);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment));
    int second = RecordBatch.LOG_OVERHEAD + b.getInt(RecordBatch.LENGTH_OFFSET);
    b.putInt(second + RecordBatch.LENGTH_OFFSET, Integer.MAX_VALUE);
    Files.write(segment, b.array());
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), DENSE)) {
      ShardLog log = m.open("s");
      assertThat(log.read(0, 1, Long.MAX_VALUE)).hasSize(1);
      assertThatThrownBy(() -> log.read(0, 10, Long.MAX_VALUE))
          .isInstanceOf(LogException.class)
          .hasMessageContaining("no valid batch at position " + second);
      assertThat(log.read(5, 1, Long.MAX_VALUE)).singleElement()
          .satisfies(e -> assertThat(new String(e.value(), UTF_8)).isEqualTo("v5"));
    }
  }

  @Test
  void indexFilesEndWithTheCrc32cOfTheirEntries() throws IOException {
    Path logDir = writeTen();
    for (String suffix : new String[] {Segment.INDEX_SUFFIX, Segment.TIME_INDEX_SUFFIX}) {
      byte[] bytes = Files.readAllBytes(file(logDir, suffix));
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(bytes, 0, bytes.length - 4);
      assertThat(ByteBuffer.wrap(bytes).getInt(bytes.length - 4)).isEqualTo((int) crc.getValue());
      assertThat((bytes.length - 4) / (suffix.equals(Segment.INDEX_SUFFIX) ? 8 : 12)).isEqualTo(9);
    }
  }

  /** A Length of 2^31-1 made the batch size overflow to a negative number, which passed as "fits". */
  @Test
  void aLengthWhoseBatchSizeOverflowsIsTruncatedByRecoveryNotAnException() throws IOException {
    Path logDir = writeTen();
    Files.delete(logDir.resolve(LogRecovery.CLEAN_MARKER));
    Path segment = file(logDir, Segment.LOG_SUFFIX);
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment));
    int second = RecordBatch.LOG_OVERHEAD + b.getInt(RecordBatch.LENGTH_OFFSET);
    b.putInt(second + RecordBatch.LENGTH_OFFSET, Integer.MAX_VALUE);
    Files.write(segment, b.array());
    try (FileLogManager m = new FileLogManager(dir, FsyncPolicy.never(), DENSE)) {
      ShardLog log = m.open("s");
      assertThat(m.recoveryReports().get(0).reason()).contains("batch length 2147483647 too large");
      assertThat(ShardLogContractTest.readAll(log)).hasSize(1);
    }
  }
}
