package io.rivulet.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A start's SqlRunConfigurations reach the runtime inside the configuration's inputs. */
class StartingPositionsTest {

  static Application app(Map<String, Object> configuration, Map<String, Object> run) {
    return new Application("000000000000", "us-east-1", "sql", "d", "SQL-1_0", "arn:aws:iam::0:role/r",
        "STREAMING", "STARTING", 1, 0, 0, 0, configuration, List.of(), run, null, null, null, null,
        null, Map.of(), Map.of());
  }

  @Test
  void eachInputGetsItsStartingPositionByInputId() {
    Map<String, Object> configuration = Map.of("SqlApplicationConfiguration", Map.of("Inputs",
        List.of(Map.of("InputId", "1.1", "NamePrefix", "SOURCE_SQL_STREAM"),
            Map.of("InputId", "1.2", "NamePrefix", "OTHER"))));
    Map<String, Object> run = Map.of("SqlRunConfigurations", List.of(Map.of("InputId", "1.1",
        "InputStartingPositionConfiguration", Map.of("InputStartingPosition", "TRIM_HORIZON"))));
    Map<String, Object> out = ApplicationRunner.withStartingPositions(app(configuration, run));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inputs = (List<Map<String, Object>>)
        ((Map<String, Object>) out.get("SqlApplicationConfiguration")).get("Inputs");
    assertThat(inputs.get(0)).containsEntry("InputStartingPositionConfiguration",
        Map.of("InputStartingPosition", "TRIM_HORIZON"));
    assertThat(inputs.get(1)).doesNotContainKey("InputStartingPositionConfiguration");
  }

  @Test
  void withoutRunConfigurationsTheConfigurationIsUnchanged() {
    Map<String, Object> configuration = Map.of("FlinkApplicationConfiguration", Map.of());
    assertThat(ApplicationRunner.withStartingPositions(app(configuration, Map.of())))
        .isSameAs(configuration);
  }
}
