package io.rivulet.firehose.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Firehose's documented retry back-off for HTTP endpoints: 1 s, doubled after each retry, capped
 * at 2 minutes, each delay scaled by a random factor in [1 - jitter, 1 + jitter]. Immutable and
 * thread-safe.
 */
public final class Backoff {
  public static final double FIREHOSE_JITTER = 0.15;
  static final long INITIAL_MILLIS = 1_000;
  static final long MAX_MILLIS = 120_000;

  private final double jitter;

  public Backoff(double jitter) {
    this.jitter = jitter;
  }

  /** The wait before retry number {@code retry} (0 for the first retry). */
  public Duration delay(int retry) {
    long base = retry >= 17 ? MAX_MILLIS : Math.min(MAX_MILLIS, INITIAL_MILLIS << retry);
    if (jitter == 0) {
      return Duration.ofMillis(base);
    }
    double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofMillis(Math.round(base * factor));
  }
}
