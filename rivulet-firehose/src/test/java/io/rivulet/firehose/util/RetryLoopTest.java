package io.rivulet.firehose.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.RecordingDeliveryContext;
import io.rivulet.firehose.util.RetryLoop.Budget;
import io.rivulet.firehose.util.RetryLoop.Outcome;
import io.rivulet.firehose.util.RetryLoop.Policy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared back-off and the three retry budgets, on a clock that only the loop moves. */
class RetryLoopTest {
  static final long T0 = 1_700_000_000_000L;
  static final Backoff S3 = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), 0);

  final RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
  final AtomicInteger attempts = new AtomicInteger();

  /** An attempt that takes {@code took} of the clock's time and fails, retryably. */
  RetryLoop.Attempt failing(Duration took) {
    return () -> {
      attempts.incrementAndGet();
      ctx.advance(took);
      throw new DeliveryException("Test.Failed", "attempt " + attempts.get(), true);
    };
  }

  static Policy policy(Backoff backoff, int seconds, Budget budget) {
    return new Policy(backoff, Duration.ofSeconds(seconds), budget);
  }

  @Test
  void backoffDoublesFromItsInitialDelayUpToItsCap() {
    assertThat(S3.delay(0)).isEqualTo(Duration.ofMillis(500));
    assertThat(S3.delay(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(S3.delay(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(S3.delay(1_000)).isEqualTo(Duration.ofSeconds(5));
    assertThat(Backoff.HTTP_ENDPOINT.withJitter(0).delay(7)).isEqualTo(Duration.ofMinutes(2));
    for (int i = 0; i < 100; i++) {
      assertThat(Backoff.HTTP_ENDPOINT.delay(2).toMillis()).isBetween(3_400L, 4_600L);
    }
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3.withJitter(1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void waitsBudgetCountsOnlyTheWaitsAndCutsTheLastOne() throws Exception {
    Outcome o = RetryLoop.run(ctx, policy(Backoff.ONE_TO_THIRTY_SECONDS, 5, Budget.WAITS),
        failing(Duration.ofSeconds(10)));
    // 1 + 2, then the last 2 s of the 5: attempts taking 10 s each do not count
    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    assertThat(o.attempts()).isEqualTo(4);
    assertThat(o.failure().getMessage()).isEqualTo("attempt 4");
    assertThat(o.endedMillis()).isEqualTo(T0 + 4 * 10_000 + 5_000);
  }

  @Test
  void elapsedBudgetCountsTheAttemptsToo() throws Exception {
    Outcome slow = RetryLoop.run(ctx, policy(Backoff.ONE_TO_THIRTY_SECONDS, 5, Budget.ELAPSED),
        failing(Duration.ofSeconds(10)));
    assertThat(slow.attempts()).isEqualTo(1);
    assertThat(ctx.sleeps).isEmpty();

    RecordingDeliveryContext fast = new RecordingDeliveryContext(T0);
    Outcome o = RetryLoop.run(fast, policy(Backoff.ONE_TO_THIRTY_SECONDS, 10, Budget.ELAPSED),
        () -> {
          throw new DeliveryException("Test.Failed", "no", true);
        });
    assertThat(fast.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(3));
    assertThat(o.attempts()).isEqualTo(5);
    assertThat(o.endedMillis()).isEqualTo(T0 + 10_000);
  }

  @Test
  void wholeWaitsBudgetStopsRatherThanCutAWait() throws Exception {
    Outcome o = RetryLoop.run(ctx, policy(S3, 10, Budget.ELAPSED_WHOLE_WAITS),
        failing(Duration.ZERO));
    // 0.5 + 1 + 2 + 4 = 7.5 s; the next 5 s would end past 10 s
    assertThat(ctx.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(o.attempts()).isEqualTo(5);
  }

  @Test
  void aZeroDurationIsOneAttempt() throws Exception {
    for (Budget budget : Budget.values()) {
      RecordingDeliveryContext c = new RecordingDeliveryContext(T0);
      Outcome o = RetryLoop.run(c, policy(S3, 0, budget), () -> {
        throw new DeliveryException("Test.Failed", "no", true);
      });
      assertThat(o.attempts()).as("%s", budget).isEqualTo(1);
      assertThat(c.sleeps).isEmpty();
    }
  }

  @Test
  void successNonRetryableFailuresAndStopEndTheLoop() throws Exception {
    Outcome ok = RetryLoop.run(ctx, policy(S3, 60, Budget.ELAPSED), () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new DeliveryException("Test.Failed", "not yet", true);
      }
    });
    assertThat(ok.succeeded()).isTrue();
    assertThat(ok.attempts()).isEqualTo(3);
    assertThat(ctx.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));

    Outcome fatal = RetryLoop.run(ctx, policy(S3, 60, Budget.WAITS), () -> {
      throw new DeliveryException("Test.Fatal", "for good", false);
    });
    assertThat(fatal.attempts()).isEqualTo(1);
    assertThat(fatal.failure().errorCode()).isEqualTo("Test.Fatal");

    Outcome stopped = RetryLoop.run(ctx, policy(S3, 60, Budget.ELAPSED),
        failing(Duration.ZERO), () -> attempts.get() >= 5);
    assertThat(stopped.attempts()).isEqualTo(2);
    assertThat(ctx.sleeps).hasSize(3);
  }
}
