package io.rivulet.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ShardLog} stored as segment files in one directory: {@code <base offset>.log} (batches,
 * format in {@link RecordBatch}), {@code .index} and {@code .timeindex} (sparse, rebuildable, see
 * {@link SegmentIndex}), the start-offset {@link Checkpoint} and, after a clean close, the marker
 * {@value LogRecovery#CLEAN_MARKER}. Opening recovers the directory ({@link LogRecovery}).
 *
 * <p><b>Writing.</b> {@link #append} encodes and checksums the batch in one buffer outside the
 * lock, then under the lock assigns the base offset, rolls a new segment if the active one would
 * pass {@code segmentBytes}, and writes the buffer with one positional write into the page cache.
 * A failed write fails the future with {@link LogException}, cuts the partial bytes off again and
 * leaves the log usable. Rolling forces the finished segment and writes its index files, then
 * creates the new file and forces the directory, all under the lock (once per segment).
 *
 * <p><b>Acknowledgement (the contract of {@link ShardLog}, made exact).</b>
 *
 * <ul>
 *   <li>{@code GROUP}: the future completes on a flusher thread after a {@code
 *       FileChannel.force(false)} that started after the batch was written; so the batch and every
 *       earlier batch are on disk. Concurrent appends share one {@code fsync}.
 *   <li>{@code INTERVAL}: the future completes right after the write (the data survives a process
 *       crash, being in the page cache); dirty logs are forced every interval.
 *   <li>{@code NEVER}: completes after the write; forced only on roll and close.
 * </ul>
 *
 * If an {@code fsync} fails, the appends it covered fail with {@link LogException} and the log
 * refuses further appends (its on-disk state is unknown) until it is reopened, which recovers it.
 * Futures complete on the flusher thread under {@code GROUP}: chain heavy work with {@code
 * ...Async}.
 *
 * <p>An empty append writes nothing and completes at once with {@code (endOffset, 0,
 * Long.MIN_VALUE)}.
 *
 * <p><b>Reading.</b> Readers never take the lock: they see batches up to the published end offset,
 * which is set after the bytes are written (written, not necessarily {@code fsync}ed: a reader may
 * see a batch a power loss would take away). {@link #read} at {@link #endOffset()} costs one
 * volatile read. A read racing with retention that deletes its segment retries from the new start.
 * An interrupted reader or appender fails with {@link LogException}; the segment reopens its file
 * (an interrupt during {@code FileChannel} I/O closes the channel), so the log stays usable.
 *
 * <p>Thread-safe. Appends, rolls, retention and close are serialised by one lock; methods named
 * {@code ...Locked} need it.
 */
public final class FileShardLog implements ShardLog {
  /** Reads retried after racing with retention's segment deletion. */
  private static final int MAX_RETRIES = 10;
  private final String name;
  private final Path dir;
  private final FileLogManager manager;
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final AtomicBoolean flushQueued = new AtomicBoolean();
  /** Appends waiting for a group-commit fsync, in offset order; guarded by {@link #lock}. */
  private final ArrayDeque<PendingAck> pending = new ArrayDeque<>();
  private volatile Segment active;
  private volatile long startOffset;
  private volatile long endOffset;
  private volatile boolean closed;
  /** Set when an fsync failed; guarded by {@link #lock}. */
  private LogException failure;

  private record PendingAck(
      long segmentBase, long endPosition, AppendResult result, CompletableFuture<AppendResult> future) {}

  FileShardLog(String name, Path dir, FileLogManager manager, LogRecovery.Result recovered) {
    this.name = name;
    this.dir = dir;
    this.manager = manager;
    for (Segment s : recovered.segments()) {
      segments.put(s.baseOffset, s);
    }
    this.active = segments.lastEntry().getValue();
    this.startOffset = recovered.startOffset();
    this.endOffset = active.nextOffset();
  }

  public String name() {
    return name;
  }

  @Override
  public CompletableFuture<AppendResult> append(List<LogRecord> records) {
    if (records.isEmpty()) {
      return closed
          ? CompletableFuture.failedFuture(closedException())
          : CompletableFuture.completedFuture(new AppendResult(endOffset, 0, Long.MIN_VALUE));
    }
    ByteBuffer batch;
    try {
      batch = RecordBatch.encode(records);
    } catch (LogException e) {
      return CompletableFuture.failedFuture(e);
    }
    long batchMax = batch.getLong(RecordBatch.MAX_TIMESTAMP_OFFSET);
    CompletableFuture<AppendResult> future = new CompletableFuture<>();
    AppendResult result;
    lock.lock();
    try {
      result = appendLocked(batch, records.size(), batchMax, future);
    } catch (LogException e) {
      future.completeExceptionally(e);
      return future;
    } finally {
      lock.unlock();
    }
    manager.flusher().markDirty(this);
    if (manager.policy().kind() != FsyncPolicy.Kind.GROUP) {
      future.complete(result);
    }
    return future;
  }

  private AppendResult appendLocked(
      ByteBuffer batch, int count, long batchMax, CompletableFuture<AppendResult> future) {
    if (closed) {
      throw closedException();
    }
    if (failure != null) {
      throw new LogException("log " + name + " refuses appends after a failed fsync; reopen it", failure);
    }
    long base = endOffset;
    RecordBatch.setBaseOffset(batch, base);
    Segment segment = active;
    try {
      if (segment.size() > 0
          && (segment.size() + batch.remaining() > manager.config().segmentBytes()
              || base + count - segment.baseOffset > Integer.MAX_VALUE)) {
        segment = rollLocked(base);
      }
      segment.appendLocked(batch, base, count, batchMax);
    } catch (IOException e) {
      throw new LogException("append to log " + name + " failed: " + e, e);
    }
    endOffset = base + count;
    AppendResult result = new AppendResult(base, count, batchMax);
    if (manager.policy().kind() == FsyncPolicy.Kind.GROUP) {
      pending.add(new PendingAck(segment.baseOffset, segment.size(), result, future));
    }
    return result;
  }

  /** Seals the active segment and starts a new, empty one at {@code base}. */
  private Segment rollLocked(long base) throws IOException {
    active.sealLocked();
    Segment next = Segment.create(dir, base, manager.opener(), manager.config().indexIntervalBytes());
    try {
      Dirs.force(dir);
    } catch (IOException e) {
      next.deleteFiles();
      throw e;
    }
    segments.put(base, next);
    active = next;
    return next;
  }

  boolean claimFlushSlot() {
    return flushQueued.compareAndSet(false, true);
  }

  void releaseFlushSlot() {
    flushQueued.set(false);
  }

  /**
   * Group commit: forces the active segment once and completes every waiting append whose bytes
   * were written before the force began. Runs on a flusher thread, without the lock during the
   * {@code fsync}.
   */
  void flushGroup() {
    lock.lock();
    try {
      if (pending.isEmpty()) {
        return;
      }
    } finally {
      lock.unlock();
    }
    Segment segment = active;
    long covered = segment.size();
    IOException error = null;
    try {
      segment.force();
    } catch (ClosedChannelException e) {
      if (!closed && !segment.deleted()) {
        error = e;
      }
    } catch (IOException e) {
      error = e;
    }
    List<PendingAck> done = new ArrayList<>();
    LogException failed = null;
    lock.lock();
    try {
      while (!pending.isEmpty()) {
        PendingAck p = pending.peek();
        boolean isCovered = p.segmentBase() < segment.baseOffset
            || (p.segmentBase() == segment.baseOffset && p.endPosition() <= covered);
        if (!isCovered) {
          break;
        }
        done.add(pending.poll());
      }
      if (error != null) {
        failed = new LogException("fsync of log " + name + " failed: " + error, error);
        failure = failed;
      }
    } finally {
      lock.unlock();
    }
    complete(done, failed);
  }

  private static void complete(List<PendingAck> acks, LogException failed) {
    for (PendingAck p : acks) {
      if (failed == null) {
        p.future().complete(p.result());
      } else {
        p.future().completeExceptionally(failed);
      }
    }
  }

  /** Interval policy: forces the active segment; a failure stops further appends. */
  void flushInterval() {
    Segment segment = active;
    try {
      segment.force();
    } catch (ClosedChannelException e) {
      // closed or deleted meanwhile: closing forces, deleted data needs no fsync
    } catch (IOException e) {
      lock.lock();
      try {
        failure = new LogException("fsync of log " + name + " failed: " + e, e);
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public List<LogEntry> read(long offset, int maxRecords, long maxBytes) {
    ensureOpen();
    if (offset >= endOffset) {
      return List.of();
    }
    for (int attempt = 0; ; attempt++) {
      long from = Math.max(offset, startOffset);
      long end = endOffset;
      ReadBudget budget = new ReadBudget(maxRecords, maxBytes);
      try {
        for (Segment s : segmentsFrom(from)) {
          if (budget.full() || s.baseOffset >= end) {
            break;
          }
          s.read(Math.max(from, s.baseOffset), budget);
        }
        return budget.entries();
      } catch (ClosedChannelException e) {
        ensureOpen();
        if (attempt >= MAX_RETRIES) {
          throw new LogException("read of log " + name + " failed: " + e, e);
        }
        // a segment was deleted by retention meanwhile: read again from the new start
      } catch (IOException e) {
        throw new LogException("read of log " + name + " failed: " + e, e);
      }
    }
  }

  /** The segments holding offsets at or after {@code offset}, oldest first. */
  private Iterable<Segment> segmentsFrom(long offset) {
    Map.Entry<Long, Segment> floor = segments.floorEntry(offset);
    long fromKey = floor == null ? Long.MIN_VALUE : floor.getKey();
    return segments.tailMap(fromKey, true).values();
  }

  @Override
  public long startOffset() {
    ensureOpen();
    return startOffset;
  }

  @Override
  public long endOffset() {
    ensureOpen();
    return endOffset;
  }

  @Override
  public long offsetForTimestamp(long epochMillis) {
    ensureOpen();
    for (int attempt = 0; ; attempt++) {
      long start = startOffset;
      try {
        long found = firstOffsetAtOrAfter(epochMillis);
        return found < 0 ? endOffset : Math.max(found, start);
      } catch (ClosedChannelException e) {
        ensureOpen();
        if (attempt >= MAX_RETRIES) {
          throw new LogException("time lookup in log " + name + " failed: " + e, e);
        }
      } catch (IOException e) {
        throw new LogException("time lookup in log " + name + " failed: " + e, e);
      }
    }
  }

  /** The first offset (retained or not yet deleted) with a timestamp at least the given, or -1. */
  private long firstOffsetAtOrAfter(long epochMillis) throws IOException {
    for (Segment s : segmentsFrom(startOffset)) {
      if (s.maxTimestamp() >= epochMillis) {
        long found = s.firstOffsetAtOrAfter(epochMillis);
        if (found >= 0) {
          return found;
        }
      }
    }
    return -1;
  }

  @Override
  public long applyRetention(long cutoffEpochMillis) {
    lock.lock();
    try {
      ensureOpen();
      long oldStart = startOffset;
      long found = firstOffsetAtOrAfter(cutoffEpochMillis);
      long newStart = Math.max(oldStart, found < 0 ? endOffset : found);
      if (newStart > oldStart) {
        Checkpoint.write(dir, newStart, manager.opener());
        startOffset = newStart;
      }
      deleteSegmentsBelowLocked(newStart);
      return newStart - oldStart;
    } catch (IOException e) {
      throw new LogException("retention of log " + name + " failed: " + e, e);
    } finally {
      lock.unlock();
    }
  }

  /** Deletes the segments whose records all lie below {@code start}; keeps one (empty) segment. */
  private void deleteSegmentsBelowLocked(long start) throws IOException {
    if (active.size() > 0 && active.nextOffset() <= start) {
      rollLocked(endOffset);
    }
    boolean deleted = false;
    for (Segment s : segments.values()) {
      if (s == active || s.nextOffset() > start) {
        break;
      }
      segments.remove(s.baseOffset);
      s.deleteFiles();
      deleted = true;
    }
    if (deleted) {
      Dirs.force(dir);
    }
  }

  @Override
  public long sizeInBytes() {
    ensureOpen();
    long size = 0;
    for (Segment s : segments.values()) {
      size += s.size();
    }
    return size;
  }

  @Override
  public void delete() {
    closeQuietly();
    try {
      for (Segment s : segments.values()) {
        s.deleteFiles();
      }
      Files.deleteIfExists(dir.resolve(Checkpoint.FILE_NAME));
      Files.deleteIfExists(dir.resolve(LogRecovery.CLEAN_MARKER));
      manager.removeDirectory(dir);
    } catch (IOException e) {
      throw new LogException("delete of log " + name + " failed: " + e, e);
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (LogException e) {
      // deleting anyway
    }
  }

  /**
   * Forces the active segment, completes waiting appends, writes the active segment's index files
   * and the clean-shutdown marker (unless an fsync failed), and closes the files. Idempotent.
   */
  @Override
  public void close() {
    List<PendingAck> drained;
    IOException error = null;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      drained = new ArrayList<>(pending);
      pending.clear();
      try {
        active.force();
        active.writeIndexFiles();
        for (Segment s : segments.values()) {
          s.close();
        }
        if (failure == null) {
          Files.write(dir.resolve(LogRecovery.CLEAN_MARKER), new byte[0]);
          Dirs.force(dir);
        }
      } catch (IOException e) {
        error = e;
      }
    } finally {
      lock.unlock();
    }
    LogException failed = error == null ? null : new LogException("close of log " + name + " failed: " + error, error);
    complete(drained, failed);
    manager.closed(this);
    if (failed != null) {
      throw failed;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private LogException closedException() {
    return new LogException("log " + name + " is closed");
  }

  @Override
  public String toString() {
    return "FileShardLog[" + name + ", " + startOffset + ".." + endOffset + "]";
  }
}
