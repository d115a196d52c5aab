package io.rivulet.firehose.http;

import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import java.time.Duration;

/**
 * Runs a delivery attempt until it succeeds, fails for good, or the retry duration runs out — the
 * way Firehose retries HTTP endpoint and Splunk deliveries: the retry duration starts when the
 * first attempt fails and counts only the waits between attempts, not the time an attempt takes
 * (waiting for a response or an acknowledgement); the waits follow {@link Backoff} and go through
 * {@link DeliveryContext#sleep}, the last one cut short at the end of the retry duration, after
 * which one last attempt is made. Stateless and thread-safe.
 */
public final class RetryLoop {
  private RetryLoop() {}

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

  public static Outcome run(DeliveryContext ctx, Duration retryDuration, Backoff backoff,
      Attempt attempt) throws InterruptedException {
    long budget = retryDuration.toMillis();
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
      if (!failure.retryable() || waited >= budget) {
        return new Outcome(attempts, failure, ctx.clock().millis());
      }
      long wait = Math.min(backoff.delay(attempts - 1).toMillis(), budget - waited);
      ctx.sleep(Duration.ofMillis(wait));
      waited += wait;
    }
  }
}
