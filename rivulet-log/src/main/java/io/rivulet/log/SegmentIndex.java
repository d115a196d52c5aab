package io.rivulet.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The sparse offset and time index of one segment, held in memory and written whole to the
 * segment's {@code .index} and {@code .timeindex} files when the segment is rolled or the log
 * closed. Entry {@code i} of both files describes the same batch: the batch starting at relative
 * offset {@code rel[i]} and file position {@code pos[i]}, and {@code ts[i]}, the largest record
 * timestamp in the segment up to the end of that batch (so {@code ts} never decreases). Each file
 * ends with the CRC32C of its entries: {@link #load} checks it and the entries' consistency, and
 * recovery rebuilds the files from the segment when they are missing, short, damaged or
 * inconsistent. (Kafka leaves its indexes unchecksummed; the fuzz harness showed that a damaged
 * but consistent-looking entry then misplaces reads and timestamp lookups, which no consistency
 * check short of a full scan can catch. Files without the trailer are rebuilt once.)
 *
 * <pre>
 * .index      n x (RelativeOffset int32, Position int32)     (8 bytes each), Crc uint32
 * .timeindex  n x (Timestamp int64, RelativeOffset int32)    (12 bytes each), Crc uint32
 * </pre>
 *
 * <p>Thread-safe for one writer (the log's lock holder) and any number of readers: entries are
 * published through a volatile count after the arrays that hold them.
 */
final class SegmentIndex {
  static final int OFFSET_ENTRY_SIZE = 8;
  static final int TIME_ENTRY_SIZE = 12;
  static final int CRC_SIZE = 4;

  private record Entries(int[] rel, int[] pos, long[] ts) {
    Entries grow() {
      int n = Math.max(16, rel.length * 2);
      return new Entries(Arrays.copyOf(rel, n), Arrays.copyOf(pos, n), Arrays.copyOf(ts, n));
    }
  }

  private volatile Entries entries = new Entries(new int[0], new int[0], new long[0]);
  private volatile int count;

  int count() {
    return count;
  }

  /** Adds an entry; the caller is the single writer. */
  void add(int relativeOffset, int position, long maxTimestampSoFar) {
    int n = count;
    Entries e = entries;
    if (n == e.rel.length) {
      e = e.grow();
      entries = e;
    }
    e.rel[n] = relativeOffset;
    e.pos[n] = position;
    e.ts[n] = maxTimestampSoFar;
    count = n + 1;
  }

  /** The file position of the last indexed batch starting at or before the relative offset. */
  int positionFloor(long relativeOffset) {
    int n = count;
    Entries e = entries;
    int lo = 0;
    int hi = n - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (e.rel[mid] <= relativeOffset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : e.pos[found];
  }

  /**
   * The file position of the last indexed batch whose running maximum timestamp is below {@code
   * epochMillis} (every record up to it is older), or 0 if there is none.
   */
  int positionBeforeTimestamp(long epochMillis) {
    int n = count;
    Entries e = entries;
    int lo = 0;
    int hi = n - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (e.ts[mid] < epochMillis) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : e.pos[found];
  }

  /** The last entry as {relativeOffset, position, timestamp}, or null if the index is empty. */
  long[] last() {
    int n = count;
    Entries e = entries;
    return n == 0 ? null : new long[] {e.rel[n - 1], e.pos[n - 1], e.ts[n - 1]};
  }

  /** Writes both files whole (replacing them) and forces them. */
  void writeFiles(Path indexPath, Path timeIndexPath, ChannelOpener opener) throws IOException {
    int n = count;
    Entries e = entries;
    ByteBuffer offsets = ByteBuffer.allocate(n * OFFSET_ENTRY_SIZE + CRC_SIZE);
    ByteBuffer times = ByteBuffer.allocate(n * TIME_ENTRY_SIZE + CRC_SIZE);
    for (int i = 0; i < n; i++) {
      offsets.putInt(e.rel[i]).putInt(e.pos[i]);
      times.putLong(e.ts[i]).putInt(e.rel[i]);
    }
    offsets.putInt(crc(offsets.array(), offsets.position()));
    times.putInt(crc(times.array(), times.position()));
    writeFile(indexPath, offsets.flip(), opener);
    writeFile(timeIndexPath, times.flip(), opener);
  }

  private static void writeFile(Path path, ByteBuffer data, ChannelOpener opener) throws IOException {
    try (FileChannel ch =
        opener.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (data.hasRemaining()) {
        ch.write(data);
      }
      ch.force(false);
    }
  }

  /**
   * Loads the two files of a segment of {@code segmentSize} bytes, or returns null when either is
   * missing, has a partial entry or a wrong CRC, or disagrees with the other or with itself
   * (relative offsets and positions must increase, timestamps must not decrease, each position must
   * leave room for a batch header inside the segment).
   */
  static SegmentIndex load(Path indexPath, Path timeIndexPath, long segmentSize) throws IOException {
    if (!Files.isRegularFile(indexPath) || !Files.isRegularFile(timeIndexPath)) {
      return null;
    }
    ByteBuffer offsets = ByteBuffer.wrap(Files.readAllBytes(indexPath));
    ByteBuffer times = ByteBuffer.wrap(Files.readAllBytes(timeIndexPath));
    if (!checked(offsets, OFFSET_ENTRY_SIZE) || !checked(times, TIME_ENTRY_SIZE)) {
      return null;
    }
    int n = offsets.limit() / OFFSET_ENTRY_SIZE;
    if (times.limit() / TIME_ENTRY_SIZE != n) {
      return null;
    }
    SegmentIndex index = new SegmentIndex();
    long prevRel = -1;
    long prevPos = -1;
    long prevTs = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      int rel = offsets.getInt();
      int pos = offsets.getInt();
      long ts = times.getLong();
      int timeRel = times.getInt();
      if (rel <= prevRel || pos <= prevPos || pos > segmentSize - RecordBatch.HEADER_SIZE || ts < prevTs
          || timeRel != rel) {
        return null;
      }
      index.add(rel, pos, ts);
      prevRel = rel;
      prevPos = pos;
      prevTs = ts;
    }
    return index;
  }

  /**
   * Whether a whole file's bytes are whole entries followed by their CRC32C; if so, limits the
   * buffer to the entries.
   */
  private static boolean checked(ByteBuffer file, int entrySize) {
    int entries = file.capacity() - CRC_SIZE;
    if (entries < 0 || entries % entrySize != 0 || file.getInt(entries) != crc(file.array(), entries)) {
      return false;
    }
    file.limit(entries);
    return true;
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }
}
