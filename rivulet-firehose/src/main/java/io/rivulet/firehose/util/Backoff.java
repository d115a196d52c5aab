package io.rivulet.firehose.util;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off: {@code initial} before the first retry, doubled before each further one,
 * at most {@code cap}, each delay scaled by a random factor in [1 - jitter, 1 + jitter] (jitter 0:
 * exact delays). The delivery stream's writers and processors each name theirs:
 * {@link #HTTP_ENDPOINT} (HTTP endpoint and Splunk, Firehose's documented back-off),
 * {@link #ONE_TO_THIRTY_SECONDS} (Redshift, OpenSearch, the Lambda processor), the S3 writer's
 * 0.5 s to 5 s and the engine's 1 s to 60 s for a range it must deliver again. Immutable and
 * thread-safe.
 */
public record Backoff(Duration initial, Duration cap, double jitter) {
  /** Firehose's jitter for HTTP endpoint and Splunk retries: ±15 %. */
  public static final double FIREHOSE_JITTER = 0.15;

  /** Firehose's documented HTTP endpoint back-off: 1 s, doubled, at most 2 minutes, ±15 %. */
  public static final Backoff HTTP_ENDPOINT =
      new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), FIREHOSE_JITTER);

  /** 1 s, 2 s, 4 s, ... at most 30 s, no jitter. */
  public static final Backoff ONE_TO_THIRTY_SECONDS =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0);

  public Backoff {
    if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
      throw new IllegalArgumentException("back-off from " + initial + " to " + cap);
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
  }

  /** This back-off with another jitter fraction. */
  public Backoff withJitter(double fraction) {
    return new Backoff(initial, cap, fraction);
  }

  /** The wait before retry number {@code retry} (0 for the first retry). */
  public Duration delay(int retry) {
    long first = initial.toMillis();
    long max = cap.toMillis();
    int shift = Math.min(Math.max(retry, 0), 62);
    long base = first > (max >> shift) ? max : Math.min(max, first << shift);
    if (jitter == 0) {
      return Duration.ofMillis(base);
    }
    double factor = 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofMillis(Math.round(base * factor));
  }
}
