package io.rivulet.firehose.engine;

import java.time.Clock;

/**
 * AWS's default per-delivery-stream ingest quota, enforced per second of the injected clock:
 * 2,000 PutRecord/PutRecordBatch calls, 5,000 records and 5 MiB. Thread-safe (synchronised).
 */
final class Throttle {
  static final int REQUESTS_PER_SECOND = 2000;
  static final int RECORDS_PER_SECOND = 5000;
  static final long BYTES_PER_SECOND = 5L * 1024 * 1024;

  private final Clock clock;
  private long second = Long.MIN_VALUE;
  private int requests;
  private int records;
  private long bytes;

  Throttle(Clock clock) {
    this.clock = clock;
  }

  /**
   * Admits a call of records of these sizes: returns how many of them, from the first, fit in
   * this second's quota (0 when the call itself is over the call rate).
   */
  synchronized int admit(int[] sizes) {
    long now = clock.millis() / 1000;
    if (now != second) {
      second = now;
      requests = 0;
      records = 0;
      bytes = 0;
    }
    if (requests >= REQUESTS_PER_SECOND) {
      return 0;
    }
    requests++;
    int n = 0;
    while (n < sizes.length && records < RECORDS_PER_SECOND
        && bytes + sizes[n] <= BYTES_PER_SECOND) {
      records++;
      bytes += sizes[n];
      n++;
    }
    return n;
  }
}
