package io.rivulet.video.ingest;

import java.time.Clock;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up. {@link
 * #acquire} takes tokens and sleeps (through the injected {@link Sleeper}) while the bucket is in
 * debt, so a producer above the rate is slowed down by back-pressure rather than refused.
 * Thread-safe.
 */
final class RateLimiter {

  /** How a caller waits; tests record instead of sleeping. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final double ratePerMilli;
  private final double burst;
  private final Clock clock;
  private final Sleeper sleeper;
  private double tokens;
  private long lastMillis;

  RateLimiter(double ratePerSecond, double burst, Clock clock, Sleeper sleeper) {
    this.ratePerMilli = ratePerSecond / 1000.0;
    this.burst = burst;
    this.clock = clock;
    this.sleeper = sleeper;
    this.tokens = burst;
    this.lastMillis = clock.millis();
  }

  /** Takes {@code amount} tokens, waiting as long as the bucket needs to pay them back. */
  void acquire(double amount) throws InterruptedException {
    long wait = reserve(amount);
    if (wait > 0) {
      sleeper.sleep(wait);
    }
  }

  /** Takes the tokens now and returns how many milliseconds the caller should wait. */
  synchronized long reserve(double amount) {
    long now = clock.millis();
    tokens = Math.min(burst, tokens + Math.max(0, now - lastMillis) * ratePerMilli);
    lastMillis = now;
    tokens -= amount;
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerMilli);
  }
}
