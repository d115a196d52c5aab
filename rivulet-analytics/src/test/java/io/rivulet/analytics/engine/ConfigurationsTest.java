package io.rivulet.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ServiceModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ids, updates applied member by member, and descriptions rendered from the model. */
class ConfigurationsTest {
  static Map<String, Object> sqlConfig() {
    Map<String, Object> input = new LinkedHashMap<>(Map.of("NamePrefix", "SRC",
        "KinesisStreamsInput", Map.of("ResourceARN", "arn:aws:kinesis:us-east-1:1:stream/a")));
    Map<String, Object> output = new LinkedHashMap<>(Map.of("Name", "DEST",
        "LambdaOutput", Map.of("ResourceARN", "arn:aws:lambda:us-east-1:1:function:f")));
    Map<String, Object> sql = new LinkedHashMap<>();
    sql.put("Inputs", new java.util.ArrayList<>(List.of(input)));
    sql.put("Outputs", new java.util.ArrayList<>(List.of(output)));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("SqlApplicationConfiguration", sql);
    return Configurations.copyMap(config);
  }

  @Test
  void idsAreGivenPerKindAndNotReused() {
    Map<String, Object> config = sqlConfig();
    Map<String, Integer> counters = new LinkedHashMap<>();
    Configurations.assignIds(config, counters);
    assertThat(Configurations.get(config, "SqlApplicationConfiguration")).asString()
        .contains("InputId=1.1").contains("OutputId=1.1");
    Configurations.list(config, "SqlApplicationConfiguration", "Outputs").clear();
    Configurations.list(config, "SqlApplicationConfiguration", "Outputs")
        .add(new LinkedHashMap<>(Map.of("Name", "X")));
    Configurations.assignIds(config, counters);
    assertThat(Configurations.get(config, "SqlApplicationConfiguration")).asString()
        .contains("OutputId=2.1");
  }

  @Test
  void updatesChangeTheirMembersAndExclusiveOnesReplaceEachOther() {
    Map<String, Object> config = sqlConfig();
    Configurations.assignIds(config, new LinkedHashMap<>());
    Configurations.apply(config, Map.of("SqlApplicationConfigurationUpdate", Map.of(
        "InputUpdates", List.of(Map.of("InputId", "1.1", "NamePrefixUpdate", "NEW",
            "KinesisFirehoseInputUpdate", Map.of("ResourceARNUpdate", "arn:aws:firehose:x"))),
        "OutputUpdates", List.of(Map.of("OutputId", "1.1",
            "KinesisStreamsOutputUpdate", Map.of("ResourceARNUpdate", "arn:aws:kinesis:y"))))));
    @SuppressWarnings("unchecked")
    Map<String, Object> input = (Map<String, Object>) Configurations.list(config,
        "SqlApplicationConfiguration", "Inputs").get(0);
    assertThat(input).containsEntry("NamePrefix", "NEW")
        .containsEntry("KinesisFirehoseInput", Map.of("ResourceARN", "arn:aws:firehose:x"))
        .doesNotContainKey("KinesisStreamsInput");
    assertThat(Configurations.get(config, "SqlApplicationConfiguration")).asString()
        .contains("KinesisStreamsOutput={ResourceARN=arn:aws:kinesis:y}").doesNotContain("LambdaOutput");
    assertThatThrownBy(() -> Configurations.apply(config, Map.of("SqlApplicationConfigurationUpdate",
        Map.of("InputUpdates", List.of(Map.of("InputId", "7.1", "NamePrefixUpdate", "Z"))))))
        .isInstanceOf(AwsException.class).hasMessageContaining("7.1");
  }

  @Test
  void environmentPropertiesAreReplacedAndTargetsNamed() {
    Map<String, Object> config = Configurations.copyMap(Map.of("EnvironmentProperties",
        Map.of("PropertyGroups", List.of(Map.of("PropertyGroupId", "a", "PropertyMap", Map.of("k", "1"))))));
    Configurations.apply(config, Map.of("EnvironmentPropertyUpdates", Map.of("PropertyGroups",
        List.of(Map.of("PropertyGroupId", "b", "PropertyMap", Map.of("k", "2"))))));
    assertThat(config.get("EnvironmentProperties").toString()).contains("PropertyGroupId=b")
        .doesNotContain("PropertyGroupId=a");
    assertThat(Configurations.target("RecordColumnUpdates")).isEqualTo("RecordColumns");
    assertThat(Configurations.target("CheckpointIntervalUpdate")).isEqualTo("CheckpointInterval");
    assertThat(Configurations.target("SubnetIdUpdates")).isEqualTo("SubnetIds");
  }

  @Test
  void descriptionsFollowTheModel() {
    Descriptions d = new Descriptions(ServiceModel.fromResource(
        "/io/rivulet/analytics/kinesisanalyticsv2-2018-05-23.shapes.json"));
    Map<String, Object> config = sqlConfig();
    Configurations.assignIds(config, new LinkedHashMap<>());
    Map<String, Object> described = d.structure(config, "ApplicationConfigurationDescription");
    assertThat(described.toString()).contains("SqlApplicationConfigurationDescription={"
        + "InputDescriptions=[{InputId=1.1, NamePrefix=SRC, KinesisStreamsInputDescription="
        + "{ResourceARN=arn:aws:kinesis:us-east-1:1:stream/a}}]")
        .contains("LambdaOutputDescription={ResourceARN=arn:aws:lambda:us-east-1:1:function:f}");
    assertThat(Descriptions.windowEnd("20:15")).isEqualTo("04:15");
  }
}
