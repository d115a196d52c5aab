package io.rivulet.benchmarks.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code rivulet bench analytics} run tiny: every query runs to the end over datagen and over a
 * real in-process stream on a real embedded Flink engine, and the report holds sane numbers.
 */
class AnalyticsBenchTest {
  @Test
  void everyQueryRunsOverBothSourcesAndReportsPositiveRates() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    AnalyticsBench bench = AnalyticsBench.of(4_000, 0, List.of("count-distinct", "q5", "q7"), 1, 2,
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    List<AnalyticsBench.Result> results = bench.run();

    assertThat(results).extracting(AnalyticsBench.Result::query)
        .containsExactly("count-distinct", "q5", "q7");
    for (AnalyticsBench.Result r : results) {
      assertThat(r.events()).isEqualTo(4_000);
      assertThat(r.rivuletRead()).as("events the rivulet source read").isEqualTo(4_000);
      assertThat(r.datagenSeconds()).isPositive().isLessThan(120);
      assertThat(r.rivuletSeconds()).isPositive().isLessThan(120);
      assertThat(r.ratio()).isFinite().isPositive();
    }
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("loaded 4000 events into 2 shard(s)").contains("q7: datagen");
  }

  @Test
  void anUnknownQueryIsRefusedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchQueries.named("q9"))
        .hasMessageContaining("unknown query 'q9'");
  }
}
