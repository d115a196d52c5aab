package io.rivulet.log;

/**
 * Tuning of a {@link FileLogManager}'s logs.
 *
 * @param segmentBytes roll to a new segment file when the active one would grow past this many
 *     bytes (a batch larger than this gets a segment of its own); at most {@link Integer#MAX_VALUE}
 * @param indexIntervalBytes add a sparse index entry (offset and time) after at least this many
 *     bytes of batches since the previous entry
 * @param flushThreads threads that run group-commit {@code fsync}s for all logs of a manager
 *     (only under {@link FsyncPolicy.Kind#GROUP}; more threads let fsyncs of different logs overlap)
 *
 * <p>Immutable.
 */
public record LogConfig(long segmentBytes, int indexIntervalBytes, int flushThreads) {
  public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4 * 1024;
  public static final int DEFAULT_FLUSH_THREADS = 2;

  public LogConfig {
    if (segmentBytes < 1 || segmentBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("segmentBytes must be in [1, 2^31-1]: " + segmentBytes);
    }
    if (indexIntervalBytes < 1) {
      throw new IllegalArgumentException("indexIntervalBytes must be positive: " + indexIntervalBytes);
    }
    if (flushThreads < 1) {
      throw new IllegalArgumentException("flushThreads must be positive: " + flushThreads);
    }
  }

  public static LogConfig defaults() {
    return new LogConfig(DEFAULT_SEGMENT_BYTES, DEFAULT_INDEX_INTERVAL_BYTES, DEFAULT_FLUSH_THREADS);
  }

  public LogConfig withSegmentBytes(long bytes) {
    return new LogConfig(bytes, indexIntervalBytes, flushThreads);
  }

  public LogConfig withIndexIntervalBytes(int bytes) {
    return new LogConfig(segmentBytes, bytes, flushThreads);
  }

  public LogConfig withFlushThreads(int threads) {
    return new LogConfig(segmentBytes, indexIntervalBytes, threads);
  }
}
