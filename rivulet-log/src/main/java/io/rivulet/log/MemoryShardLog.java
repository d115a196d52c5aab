package io.rivulet.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link ShardLog} held in memory with the same semantics as {@link FileShardLog}: dense
 * offsets, batches, the same read limits, timestamp lookup on non-decreasing (clamped) timestamps
 * and retention (an empty append returns {@code (endOffset, 0, Long.MIN_VALUE)}). Appends
 * complete at once (there is nothing to fsync). Keys and values are copied
 * in and out, so callers may reuse their arrays. The data lives in a {@link Store} that outlives
 * the handle, so a {@link MemoryLogManager} can reopen a closed log.
 *
 * <p>Thread-safe: a read-write lock; reads at {@link #endOffset()} take no lock.
 */
public final class MemoryShardLog implements ShardLog {

  /** The records of one memory log; guarded by its lock. */
  static final class Store {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private LogEntry[] entries = new LogEntry[16];
    /** Running maximum of timestamps up to and including each entry. */
    private long[] runningMax = new long[16];
    /** Offset of {@code entries[0]}. */
    private long firstStored;
    private int count;
    private long bytes;
    private volatile long startOffset;
    private volatile long endOffset;
  }

  private final Store store;
  private final Runnable onDelete;
  private volatile boolean closed;

  MemoryShardLog(Store store, Runnable onDelete) {
    this.store = store;
    this.onDelete = onDelete;
  }

  @Override
  public CompletableFuture<AppendResult> append(List<LogRecord> records) {
    if (closed) {
      return CompletableFuture.failedFuture(closedException());
    }
    long batchMax = Long.MIN_VALUE;
    for (LogRecord r : records) {
      batchMax = Math.max(batchMax, r.timestamp());
    }
    store.lock.writeLock().lock();
    try {
      if (closed) {
        return CompletableFuture.failedFuture(closedException());
      }
      long base = store.endOffset;
      long offset = base;
      for (LogRecord r : records) {
        addLocked(new LogEntry(offset++, r.timestamp(), copy(r.key()), copy(r.value()), r.attributes()));
      }
      store.endOffset = base + records.size();
      return CompletableFuture.completedFuture(new AppendResult(base, records.size(), batchMax));
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  private void addLocked(LogEntry e) {
    Store s = store;
    if (s.count == s.entries.length) {
      s.entries = Arrays.copyOf(s.entries, s.count * 2);
      s.runningMax = Arrays.copyOf(s.runningMax, s.count * 2);
    }
    long prev = s.count == 0 ? Long.MIN_VALUE : s.runningMax[s.count - 1];
    s.entries[s.count] = e;
    s.runningMax[s.count] = Math.max(prev, e.timestamp());
    s.count++;
    s.bytes += RecordBatch.recordSize(e.key(), e.value());
  }

  private static byte[] copy(byte[] b) {
    return b == null ? null : b.clone();
  }

  @Override
  public List<LogEntry> read(long offset, int maxRecords, long maxBytes) {
    ensureOpen();
    if (offset >= store.endOffset) {
      return List.of();
    }
    store.lock.readLock().lock();
    try {
      ReadBudget budget = new ReadBudget(maxRecords, maxBytes);
      long from = Math.max(offset, store.startOffset);
      for (int i = (int) (from - store.firstStored); i < store.count && !budget.full(); i++) {
        LogEntry e = store.entries[i];
        int size = (e.key() == null ? 0 : e.key().length) + (e.value() == null ? 0 : e.value().length);
        if (budget.admits(size)) {
          budget.add(new LogEntry(e.offset(), e.timestamp(), copy(e.key()), copy(e.value()), e.attributes()));
        }
      }
      return budget.entries();
    } finally {
      store.lock.readLock().unlock();
    }
  }

  @Override
  public long startOffset() {
    ensureOpen();
    return store.startOffset;
  }

  @Override
  public long endOffset() {
    ensureOpen();
    return store.endOffset;
  }

  @Override
  public long offsetForTimestamp(long epochMillis) {
    ensureOpen();
    store.lock.readLock().lock();
    try {
      return Math.max(store.startOffset, firstAtOrAfterLocked(epochMillis));
    } finally {
      store.lock.readLock().unlock();
    }
  }

  /** Binary search over the running maximum; the end offset if no record is that recent. */
  private long firstAtOrAfterLocked(long epochMillis) {
    int lo = 0;
    int hi = store.count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (store.runningMax[mid] >= epochMillis) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return store.firstStored + lo;
  }

  @Override
  public long applyRetention(long cutoffEpochMillis) {
    store.lock.writeLock().lock();
    try {
      ensureOpen();
      long oldStart = store.startOffset;
      long newStart = Math.max(oldStart, firstAtOrAfterLocked(cutoffEpochMillis));
      int drop = (int) (newStart - store.firstStored);
      for (int i = 0; i < drop; i++) {
        store.bytes -= RecordBatch.recordSize(store.entries[i].key(), store.entries[i].value());
      }
      int keep = store.count - drop;
      System.arraycopy(store.entries, drop, store.entries, 0, keep);
      System.arraycopy(store.runningMax, drop, store.runningMax, 0, keep);
      Arrays.fill(store.entries, keep, store.count, null);
      store.count = keep;
      store.firstStored = newStart;
      store.startOffset = newStart;
      return newStart - oldStart;
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  @Override
  public long sizeInBytes() {
    ensureOpen();
    store.lock.readLock().lock();
    try {
      return store.bytes;
    } finally {
      store.lock.readLock().unlock();
    }
  }

  @Override
  public void delete() {
    close();
    onDelete.run();
  }

  @Override
  public void close() {
    store.lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  boolean isClosed() {
    return closed;
  }

  private void ensureOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private static LogException closedException() {
    return new LogException("log is closed");
  }

  /** All entries currently stored, for tests. */
  List<LogEntry> snapshot() {
    store.lock.readLock().lock();
    try {
      return new ArrayList<>(Arrays.asList(store.entries).subList(0, store.count));
    } finally {
      store.lock.readLock().unlock();
    }
  }
}
