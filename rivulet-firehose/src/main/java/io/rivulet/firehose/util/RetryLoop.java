package io.rivulet.firehose.util;

import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs a delivery attempt until it succeeds, fails for good (a {@link DeliveryException} that is
 * not retryable), or the retry duration runs out, waiting between attempts as a {@link Backoff}
 * says through {@link DeliveryContext#sleep} (so tests move a clock instead of sleeping). What
 * the retry duration counts differs by destination, as Firehose documents it; each writer names
 * its {@link Budget}. Stateless and thread-safe.
 */
public final class RetryLoop {
  private RetryLoop() {}

  /** What the retry duration counts, and what happens when the next wait would pass its end. */
  public enum Budget {
    /**
     * Only the waits between attempts count, not the attempts themselves (waiting for a
     * response or an acknowledgement); the last wait is cut short at the end of the duration and
     * one last attempt follows. Firehose's documented rule for HTTP endpoints and Splunk.
     */
    WAITS,
    /**
     * The time since the first attempt began, attempts included, on the context's clock; the
     * last wait is cut short at the end of the duration and one last attempt follows. Firehose's
     * documented rule for Redshift; the OpenSearch writer's too.
     */
    ELAPSED,
    /**
     * As {@link #ELAPSED}, but no wait is cut short: when the next wait would end past the
     * duration, the loop ends instead. The S3 writer's rule: it hands the batch back to the
     * engine, which delivers the range again later.
     */
    ELAPSED_WHOLE_WAITS
  }

  /** How long to retry ({@code duration}; zero: one attempt), how to wait, what counts. */
  public record Policy(Backoff backoff, Duration duration, Budget budget) {}

  /** One attempt: returns on success, throws the attempt's failure otherwise. */
  @FunctionalInterface
  public interface Attempt {
    void run() throws DeliveryException, InterruptedException;
  }

  /**
   * How the attempts ended: {@code failure} is null on success, else the last attempt's error;
   * {@code endedMillis} is when the last attempt ended, on the context's clock.
   */
  public record Outcome(int attempts, DeliveryException failure, long endedMillis) {
    public boolean succeeded() {
      return failure == null;
    }
  }

  /** Runs {@code attempt} under {@code policy}. */
  public static Outcome run(DeliveryContext ctx, Policy policy, Attempt attempt)
      throws InterruptedException {
    return run(ctx, policy, attempt, () -> false);
  }

  /**
   * Runs {@code attempt} under {@code policy}; {@code stop}, asked after each failed attempt,
   * ends the loop early (a writer being closed).
   */
  public static Outcome run(DeliveryContext ctx, Policy policy, Attempt attempt,
      BooleanSupplier stop) throws InterruptedException {
    long budget = policy.duration().toMillis();
    long start = ctx.clock().millis();
    long waited = 0;
    int attempts = 0;
    while (true) {
      attempts++;
      DeliveryException failure;
      try {
        attempt.run();
        return new Outcome(attempts, null, ctx.clock().millis());
      } catch (DeliveryException e) {
        failure = e;
      }
      long now = ctx.clock().millis();
      long left = budget - (policy.budget() == Budget.WAITS ? waited : now - start);
      long delay = policy.backoff().delay(attempts - 1).toMillis();
      boolean wholeWaits = policy.budget() == Budget.ELAPSED_WHOLE_WAITS;
      if (!failure.retryable() || stop.getAsBoolean() || left <= 0 || wholeWaits && delay > left) {
        return new Outcome(attempts, failure, now);
      }
      long wait = Math.min(delay, left);
      ctx.sleep(Duration.ofMillis(wait));
      waited += wait;
    }
  }
}
