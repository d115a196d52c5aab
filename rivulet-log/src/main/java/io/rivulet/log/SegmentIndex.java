package io.rivulet.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The sparse offset and time index of one segment, held in memory and written whole to the
 * segment's {@code .index} and {@code .timeindex} files when the segment is rolled or the log
 * closed. Entry {@code i} of both files describes the same batch: the batch starting at relative
 * offset {@code rel[i]} and file position {@code pos[i]}, and {@code ts[i]}, the largest record
 * timestamp in the segment up to the end of that batch (so {@code ts} never decreases). The files
 * are never checksummed: {@link #load} checks them for consistency and recovery rebuilds them from
 * the segment when they are missing, short or inconsistent.
 *
 * <pre>
 * .index      entry = RelativeOffset int32, Position int32        (8 bytes)
 * .timeindex  entry = Timestamp int64, RelativeOffset int32       (12 bytes)
 * </pre>
 *
 * <p>Thread-safe for one writer (the log's lock holder) and any number of readers: entries are
 * published through a volatile count after the arrays that hold them.
 */
final class SegmentIndex {
  static final int OFFSET_ENTRY_SIZE = 8;
  static final int TIME_ENTRY_SIZE = 12;

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
    ByteBuffer offsets = ByteBuffer.allocate(n * OFFSET_ENTRY_SIZE);
    ByteBuffer times = ByteBuffer.allocate(n * TIME_ENTRY_SIZE);
    for (int i = 0; i < n; i++) {
      offsets.putInt(e.rel[i]).putInt(e.pos[i]);
      times.putLong(e.ts[i]).putInt(e.rel[i]);
    }
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
   * missing, has a partial entry, or disagrees with the other or with itself (relative offsets and
   * positions must increase, timestamps must not decrease, positions must lie inside the segment).
   */
  static SegmentIndex load(Path indexPath, Path timeIndexPath, long segmentSize) throws IOException {
    if (!Files.isRegularFile(indexPath) || !Files.isRegularFile(timeIndexPath)) {
      return null;
    }
    ByteBuffer offsets = ByteBuffer.wrap(Files.readAllBytes(indexPath));
    ByteBuffer times = ByteBuffer.wrap(Files.readAllBytes(timeIndexPath));
    if (offsets.capacity() % OFFSET_ENTRY_SIZE != 0 || times.capacity() % TIME_ENTRY_SIZE != 0) {
      return null;
    }
    int n = offsets.capacity() / OFFSET_ENTRY_SIZE;
    if (times.capacity() / TIME_ENTRY_SIZE != n) {
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
      if (rel <= prevRel || pos <= prevPos || pos >= segmentSize || ts < prevTs || timeRel != rel) {
        return null;
      }
      index.add(rel, pos, ts);
      prevRel = rel;
      prevPos = pos;
      prevTs = ts;
    }
    return index;
  }
}
