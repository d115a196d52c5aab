package io.rivulet.log;

import io.rivulet.log.RecordBatch.Header;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment of a {@link FileShardLog}: the file {@code <20-digit base offset>.log} holding whole
 * batches back to back (format in {@link RecordBatch}), and its sparse {@link SegmentIndex}.
 *
 * <p>Thread-safe for one writer holding the log's lock (methods named {@code ...Locked}, and
 * recovery before the segment is published) and any number of concurrent readers: the size, next
 * offset and maximum timestamp are volatile and published after the bytes and index entries they
 * cover, so a reader bounded by {@link #size()} only ever sees whole, written batches.
 *
 * <p>An interrupt of a thread in {@code FileChannel} I/O closes the channel for every thread; the
 * segment then reopens its file, fails the interrupted thread's operation with {@link
 * InterruptedIOException} and retries the operations of the other threads.
 */
final class Segment {
  static final String LOG_SUFFIX = ".log";
  static final String INDEX_SUFFIX = ".index";
  static final String TIME_INDEX_SUFFIX = ".timeindex";

  /**
   * What recovery found in a segment: the bytes it cut off the end and why, and whether the index
   * differs from the index files (rebuilt or extended).
   */
  record Recovered(long droppedBytes, String reason, boolean indexChanged) {}

  final long baseOffset;
  private final Path logPath;
  private final Path indexPath;
  private final Path timeIndexPath;
  /** Replaced when an interrupt closes it (see {@link #io}). */
  private volatile FileChannel channel;
  private final ChannelOpener opener;
  private final int indexIntervalBytes;
  private SegmentIndex index = new SegmentIndex();
  private long bytesSinceIndex;
  private volatile long size;
  private volatile long nextOffset;
  private volatile long maxTimestamp = Long.MIN_VALUE;
  private volatile boolean deleted;
  private volatile boolean closed;

  private Segment(Path dir, long baseOffset, FileChannel channel, ChannelOpener opener, int interval) {
    this.baseOffset = baseOffset;
    String name = fileName(baseOffset);
    this.logPath = dir.resolve(name + LOG_SUFFIX);
    this.indexPath = dir.resolve(name + INDEX_SUFFIX);
    this.timeIndexPath = dir.resolve(name + TIME_INDEX_SUFFIX);
    this.channel = channel;
    this.opener = opener;
    this.indexIntervalBytes = interval;
    this.nextOffset = baseOffset;
  }

  static String fileName(long baseOffset) {
    return String.format("%020d", baseOffset);
  }

  /** Creates a new, empty segment file (which must not exist). */
  static Segment create(Path dir, long baseOffset, ChannelOpener opener, int interval)
      throws IOException {
    Path path = dir.resolve(fileName(baseOffset) + LOG_SUFFIX);
    FileChannel ch =
        opener.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Files.deleteIfExists(dir.resolve(fileName(baseOffset) + INDEX_SUFFIX));
    Files.deleteIfExists(dir.resolve(fileName(baseOffset) + TIME_INDEX_SUFFIX));
    return new Segment(dir, baseOffset, ch, opener, interval);
  }

  /** Opens an existing segment file; call {@link #recover} before using it. */
  static Segment open(Path dir, long baseOffset, ChannelOpener opener, int interval)
      throws IOException {
    Path path = dir.resolve(fileName(baseOffset) + LOG_SUFFIX);
    FileChannel ch = opener.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new Segment(dir, baseOffset, ch, opener, interval);
  }

  long size() {
    return size;
  }

  long nextOffset() {
    return nextOffset;
  }

  /** The largest record timestamp in this segment, or {@link Long#MIN_VALUE} if it is empty. */
  long maxTimestamp() {
    return maxTimestamp;
  }

  boolean deleted() {
    return deleted;
  }

  Path logPath() {
    return logPath;
  }

  /**
   * Validates the file and sets size, next offset, maximum timestamp and index from it, truncating
   * the file at the first invalid batch.
   *
   * @param validateCrc check every scanned batch's CRC and record structure, not only its header
   * @param useIndexFiles start from the index files when they are consistent and scan only after
   *     their last entry; otherwise scan (and index) the whole file
   */
  Recovered recover(boolean validateCrc, boolean useIndexFiles) throws IOException {
    long fileSize = channel.size();
    long pos = 0;
    long expected = baseOffset;
    long runningMax = Long.MIN_VALUE;
    SegmentIndex loaded = useIndexFiles ? SegmentIndex.load(indexPath, timeIndexPath, fileSize) : null;
    long[] last = loaded == null ? null : loaded.last();
    if (last != null) {
      Header h = readHeader(last[1]);
      if (h.baseOffset() == baseOffset + last[0] && h.structuralProblem() == null) {
        index = loaded;
        pos = last[1];
        expected = h.baseOffset();
        runningMax = last[2];
      }
    }
    int loadedCount = index == loaded ? loaded.count() : -1;
    String reason = null;
    while (pos < fileSize) {
      reason = checkBatch(pos, fileSize, expected, validateCrc);
      if (reason != null) {
        break;
      }
      Header h = readHeader(pos);
      runningMax = Math.max(runningMax, h.maxTimestamp());
      indexBatchLocked(pos, h.baseOffset(), h.totalSize(), runningMax);
      pos += h.totalSize();
      expected = h.nextOffset();
    }
    size = pos;
    nextOffset = expected;
    maxTimestamp = runningMax;
    long dropped = fileSize - pos;
    if (dropped > 0) {
      channel.truncate(pos);
      channel.force(false);
    }
    return new Recovered(
        dropped, reason == null ? "" : reason + " at position " + pos, index.count() != loadedCount);
  }

  /** Why the batch at {@code pos} is invalid, or null if it is valid. */
  private String checkBatch(long pos, long fileSize, long expected, boolean validateCrc)
      throws IOException {
    if (fileSize - pos < RecordBatch.HEADER_SIZE) {
      return "partial batch header (" + (fileSize - pos) + " bytes)";
    }
    Header h = readHeader(pos);
    String problem = h.structuralProblem();
    if (problem != null) {
      return problem;
    }
    if (h.totalSize() > fileSize - pos) {
      return "partial batch (" + h.totalSize() + " bytes, " + (fileSize - pos) + " present)";
    }
    if (h.baseOffset() != expected) {
      return "offset discontinuity (expected " + expected + ", found " + h.baseOffset() + ")";
    }
    return validateCrc ? RecordBatch.validate(readAt(pos, h.totalSize()), h) : null;
  }

  /** Adds an index entry for the batch at {@code pos} if the index interval has passed. */
  private void indexBatchLocked(long pos, long batchBase, int batchSize, long runningMax) {
    if (bytesSinceIndex >= indexIntervalBytes) {
      index.add((int) (batchBase - baseOffset), (int) pos, runningMax);
      bytesSinceIndex = 0;
    }
    bytesSinceIndex += batchSize;
  }

  /**
   * Writes an encoded batch (base offset already set) at the end of the segment with one
   * positional write, then indexes and publishes it. On failure the partial bytes are cut off
   * again (best effort: they lie past {@link #size()}, where no reader looks and the next write
   * lands) and the exception is rethrown.
   */
  void appendLocked(ByteBuffer batch, long batchBase, int count, long batchMaxTimestamp)
      throws IOException {
    long pos = size;
    int start = batch.position();
    int batchSize = batch.remaining();
    try {
      io(ch -> {
        batch.position(start);
        long at = pos;
        while (batch.hasRemaining()) {
          at += ch.write(batch, at);
        }
        return null;
      });
    } catch (IOException e) {
      try {
        io(ch -> ch.truncate(pos));
      } catch (IOException t) {
        e.addSuppressed(t);
      }
      throw e;
    }
    long runningMax = Math.max(maxTimestamp, batchMaxTimestamp);
    indexBatchLocked(pos, batchBase, batchSize, runningMax);
    maxTimestamp = runningMax;
    nextOffset = batchBase + count;
    size = pos + batchSize;
  }

  /** Reads the records at or after {@code offset} in this segment into the budget. */
  void read(long offset, ReadBudget budget) throws IOException {
    long end = size;
    long pos = index.positionFloor(offset - baseOffset);
    while (pos < end && !budget.full()) {
      Header h = readHeaderWithin(pos, end);
      if (h.nextOffset() > offset) {
        RecordBatch.decode(readAt(pos, h.totalSize()), offset, budget);
      }
      pos += h.totalSize();
    }
  }

  /** The first offset in this segment whose record timestamp is at least {@code epochMillis}. */
  long firstOffsetAtOrAfter(long epochMillis) throws IOException {
    long end = size;
    long pos = index.positionBeforeTimestamp(epochMillis);
    while (pos < end) {
      Header h = readHeaderWithin(pos, end);
      if (h.maxTimestamp() >= epochMillis) {
        return RecordBatch.firstOffsetAtOrAfter(readAt(pos, h.totalSize()), epochMillis);
      }
      pos += h.totalSize();
    }
    return -1;
  }

  @FunctionalInterface
  private interface ChannelOp<T> {
    T run(FileChannel ch) throws IOException;
  }

  /** Runs a channel operation, reopening the file if an interrupt (of any thread) closed it. */
  private <T> T io(ChannelOp<T> op) throws IOException {
    for (int attempt = 0; ; attempt++) {
      FileChannel ch = channel;
      try {
        return op.run(ch);
      } catch (ClosedChannelException e) {
        if (deleted || closed || attempt >= 3) {
          throw e;
        }
        reopen(ch);
        if (e instanceof ClosedByInterruptException) {
          InterruptedIOException interrupted =
              new InterruptedIOException("interrupted during I/O on " + logPath);
          interrupted.initCause(e);
          throw interrupted;
        }
      }
    }
  }

  private synchronized void reopen(FileChannel broken) throws IOException {
    if (deleted || closed) {
      throw new ClosedChannelException();
    }
    if (channel == broken) {
      channel = opener.open(logPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
  }

  /**
   * The header of the batch at {@code pos} when reading: a header that cannot start a batch ending
   * by {@code end} means the segment or its index is damaged, reported as such rather than read.
   */
  private Header readHeaderWithin(long pos, long end) throws IOException {
    Header h = end - pos < RecordBatch.HEADER_SIZE ? null : readHeader(pos);
    if (h == null || h.structuralProblem() != null || h.totalSize() > end - pos) {
      throw new IOException(logPath + ": no valid batch at position " + pos + " (damaged segment or index)");
    }
    return h;
  }

  private Header readHeader(long pos) throws IOException {
    return RecordBatch.readHeader(readAt(pos, RecordBatch.HEADER_SIZE), 0);
  }

  private ByteBuffer readAt(long pos, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    return io(ch -> {
      buf.clear();
      long at = pos;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, at);
        if (n < 0) {
          throw new EOFException(logPath + ": end of file at " + at);
        }
        at += n;
      }
      return buf.flip();
    });
  }

  void force() throws IOException {
    io(ch -> {
      ch.force(false);
      return null;
    });
  }

  /**
   * Makes the segment read-only for good: cuts any failed-write leftovers past its size, forces
   * it, and writes its index files.
   */
  void sealLocked() throws IOException {
    io(ch -> ch.size() > size ? ch.truncate(size) : ch);
    force();
    writeIndexFiles();
  }

  void writeIndexFiles() throws IOException {
    index.writeFiles(indexPath, timeIndexPath, opener);
  }

  synchronized void close() throws IOException {
    closed = true;
    channel.close();
  }

  /** Closes the channel and deletes the segment's files. */
  synchronized void deleteFiles() throws IOException {
    deleted = true;
    channel.close();
    Files.deleteIfExists(logPath);
    Files.deleteIfExists(indexPath);
    Files.deleteIfExists(timeIndexPath);
  }
}
