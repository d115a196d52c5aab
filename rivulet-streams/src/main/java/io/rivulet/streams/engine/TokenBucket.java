package io.rivulet.streams.engine;

import java.time.Clock;

/**
 * A token bucket on an injected clock: refills at {@code rate} tokens per second up to one
 * second's worth. {@link #tryTake} admits only what fits; {@link #take} always succeeds and may
 * leave a debt (AWS lets one GetRecords read past the 2 MiB/s read limit, then throttles until it
 * is paid back). Thread-safe (synchronized).
 */
final class TokenBucket {
  private final Clock clock;
  private final double rate;
  private double tokens;
  private long lastMillis;

  TokenBucket(Clock clock, double ratePerSecond) {
    this.clock = clock;
    this.rate = ratePerSecond;
    this.tokens = ratePerSecond;
    this.lastMillis = clock.millis();
  }

  private void refill() {
    long now = clock.millis();
    if (now > lastMillis) {
      tokens = Math.min(rate, tokens + (now - lastMillis) * rate / 1000.0);
      lastMillis = now;
    }
  }

  synchronized boolean tryTake(double n) {
    refill();
    if (tokens >= n) {
      tokens -= n;
      return true;
    }
    return false;
  }

  /** Whether anything is available (not in debt and at least one token). */
  synchronized boolean available() {
    refill();
    return tokens >= 1;
  }

  synchronized void take(double n) {
    refill();
    tokens -= n;
  }

  /** Gives back tokens taken for something that was not done after all. */
  synchronized void giveBack(double n) {
    tokens = Math.min(rate, tokens + n);
  }
}
