package io.rivulet.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.engine.DeliveryStats.DeliveryError;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeliveryStatsTest {
  @Test
  void keepsTheMostRecentErrorsOldestFirst() {
    DeliveryStats stats = new DeliveryStats();
    assertThat(stats.recentErrors()).isEmpty();
    IntStream.range(0, DeliveryStats.RECENT_ERRORS + 5)
        .forEach(i -> stats.recordError(i, "DeliveryFailed", "attempt " + i));
    assertThat(stats.recentErrors()).hasSize(DeliveryStats.RECENT_ERRORS);
    assertThat(stats.recentErrors().get(0)).isEqualTo(new DeliveryError(5, "DeliveryFailed", "attempt 5"));
    assertThat(stats.recentErrors().get(DeliveryStats.RECENT_ERRORS - 1).timeMillis())
        .isEqualTo(DeliveryStats.RECENT_ERRORS + 4);
  }

  @Test
  void recentErrorsIsASnapshot() {
    DeliveryStats stats = new DeliveryStats();
    stats.recordError(1, "processing-failed", "1 record(s) to the error output; X: y");
    var snapshot = stats.recentErrors();
    stats.recordError(2, "DeliveryFailed", "attempt 1");
    assertThat(snapshot).hasSize(1);
    assertThat(stats.recentErrors()).extracting(DeliveryError::kind)
        .containsExactly("processing-failed", "DeliveryFailed");
  }
}
