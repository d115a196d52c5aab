package io.rivulet.streams.engine;

/**
 * Counts over the last minute in one-second slots, on the engine's clock: enough to tell a shard's
 * sustained write rate without keeping history. Thread-safe (synchronized; one per shard).
 */
final class RateWindow {
  static final int SECONDS = 60;
  private final long[] records = new long[SECONDS];
  private final long[] bytes = new long[SECONDS];
  private final long[] slotSecond = new long[SECONDS];

  synchronized void add(long nowMillis, long recordCount, long byteCount) {
    long second = nowMillis / 1000;
    int i = (int) (second % SECONDS);
    if (slotSecond[i] != second) {
      slotSecond[i] = second;
      records[i] = 0;
      bytes[i] = 0;
    }
    records[i] += recordCount;
    bytes[i] += byteCount;
  }

  /** Records per second averaged over the last minute. */
  synchronized double recordsPerSecond(long nowMillis) {
    return sum(records, nowMillis) / (double) SECONDS;
  }

  /** Bytes per second averaged over the last minute. */
  synchronized double bytesPerSecond(long nowMillis) {
    return sum(bytes, nowMillis) / (double) SECONDS;
  }

  private long sum(long[] values, long nowMillis) {
    long now = nowMillis / 1000;
    long total = 0;
    for (int i = 0; i < SECONDS; i++) {
      if (now - slotSecond[i] < SECONDS && slotSecond[i] <= now) {
        total += values[i];
      }
    }
    return total;
  }
}
