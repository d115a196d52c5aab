package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.DiscoverInputSchemaResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InputStartingPosition;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RecordColumn;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UnableToDetectSchemaException;

/**
 * DiscoverInputSchema over real streams: JSON records (nested fields flattened, types inferred),
 * CSV records, an empty stream, an unknown stream; and applications surviving a restart.
 */
class DiscoverInputSchemaTest {
  static final String ROLE = "arn:aws:iam::000000000000:role/a";
  static final TestRuntime runtime = new TestRuntime("FLINK-2_2");

  @RegisterExtension static RivuletExtension rivulet =
      new RivuletExtension().withRuntimes(() -> List.<ApplicationRuntime>of(runtime));

  static String stream(String name, String... records) {
    KinesisClient k = rivulet.sync(WireMode.JSON);
    k.createStream(r -> r.streamName(name).shardCount(1));
    k.waiter().waitUntilStreamExists(r -> r.streamName(name));
    for (String rec : records) {
      k.putRecord(r -> r.streamName(name).partitionKey("p").data(SdkBytes.fromUtf8String(rec)));
    }
    return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
  }

  @Test
  void jsonRecords() {
    String arn = stream("views",
        "{\"user_id\":\"u-1\",\"page\":\"/home\",\"ms\":12,\"ok\":true,\"geo\":{\"lat\":1.5},"
            + "\"at\":\"2026-11-26 03:00:00.000\"}",
        "{\"user_id\":\"u-22\",\"page\":\"/checkout/cart\",\"ms\":3000000000,\"ok\":false,"
            + "\"geo\":{\"lat\":2},\"at\":\"2026-11-26 03:00:01.500\"}");
    KinesisAnalyticsV2Client c = rivulet.analytics();
    DiscoverInputSchemaResponse r = c.discoverInputSchema(d -> d.resourceARN(arn)
        .serviceExecutionRole(ROLE).inputStartingPositionConfiguration(p -> p
            .inputStartingPosition(InputStartingPosition.TRIM_HORIZON)));
    assertThat(r.inputSchema().recordFormat().recordFormatTypeAsString()).isEqualTo("JSON");
    assertThat(r.inputSchema().recordFormat().mappingParameters().jsonMappingParameters()
        .recordRowPath()).isEqualTo("$");
    assertThat(r.inputSchema().recordEncoding()).isEqualTo("UTF-8");
    assertThat(r.inputSchema().recordColumns())
        .extracting(RecordColumn::name, RecordColumn::mapping, RecordColumn::sqlType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("user_id", "$.user_id", "VARCHAR(4)"),
            org.assertj.core.groups.Tuple.tuple("page", "$.page", "VARCHAR(16)"),
            org.assertj.core.groups.Tuple.tuple("ms", "$.ms", "BIGINT"),
            org.assertj.core.groups.Tuple.tuple("ok", "$.ok", "BOOLEAN"),
            org.assertj.core.groups.Tuple.tuple("lat", "$.geo.lat", "DOUBLE"),
            org.assertj.core.groups.Tuple.tuple("at", "$.at", "TIMESTAMP"));
    assertThat(r.rawInputRecords()).hasSize(2);
    assertThat(r.parsedInputRecords().get(0)).containsExactly("u-1", "/home", "12", "true", "1.5",
        "2026-11-26 03:00:00.000");
  }

  @Test
  void csvRecordsEmptyAndUnknownStreams() {
    String arn = stream("csv", "1,alice,3.5", "2,bob,4");
    KinesisAnalyticsV2Client c = rivulet.analytics();
    var r = c.discoverInputSchema(d -> d.resourceARN(arn).serviceExecutionRole(ROLE));
    assertThat(r.inputSchema().recordFormat().recordFormatTypeAsString()).isEqualTo("CSV");
    assertThat(r.inputSchema().recordFormat().mappingParameters().csvMappingParameters()
        .recordColumnDelimiter()).isEqualTo(",");
    assertThat(r.inputSchema().recordColumns()).extracting(RecordColumn::name, RecordColumn::sqlType)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("COL1", "INTEGER"),
            org.assertj.core.groups.Tuple.tuple("COL2", "VARCHAR(8)"),
            org.assertj.core.groups.Tuple.tuple("COL3", "DOUBLE"));
    String empty = stream("empty");
    assertThatThrownBy(() -> c.discoverInputSchema(d -> d.resourceARN(empty)
        .serviceExecutionRole(ROLE))).isInstanceOf(UnableToDetectSchemaException.class);
    String text = stream("text", "just words");
    assertThatThrownBy(() -> c.discoverInputSchema(d -> d.resourceARN(text)
        .serviceExecutionRole(ROLE))).isInstanceOf(UnableToDetectSchemaException.class)
        .satisfies(e -> assertThat(((UnableToDetectSchemaException) e).rawInputRecords())
            .containsExactly("just words"));
    assertThatThrownBy(() -> c.discoverInputSchema(d -> d.resourceARN(arn + "-nope")
        .serviceExecutionRole(ROLE))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void applicationsSurviveARestartAndRunningOnesResume() throws Exception {
    KinesisAnalyticsV2Client c = rivulet.analytics();
    c.createApplication(r -> r.applicationName("durable").runtimeEnvironment("FLINK-2_2")
        .serviceExecutionRole(ROLE).applicationConfiguration(a -> a
            .applicationSnapshotConfiguration(s -> s.snapshotsEnabled(true))));
    c.updateApplication(r -> r.applicationName("durable").currentApplicationVersionId(1L)
        .serviceExecutionRoleUpdate(ROLE + "2"));
    c.startApplication(r -> r.applicationName("durable"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!rivulet.analytics().describeApplication(r -> r.applicationName("durable"))
        .applicationDetail().applicationStatusAsString().equals("RUNNING")
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    runtime.last().process(5);
    rivulet.restart(); // shutdown snapshots the job; the new server resumes it from there
    deadline = System.nanoTime() + 10_000_000_000L;
    var d = rivulet.analytics().describeApplication(r -> r.applicationName("durable")).applicationDetail();
    while (!d.applicationStatusAsString().equals("RUNNING") && System.nanoTime() < deadline) {
      Thread.sleep(10);
      d = rivulet.analytics().describeApplication(r -> r.applicationName("durable")).applicationDetail();
    }
    assertThat(d.applicationStatusAsString()).isEqualTo("RUNNING");
    assertThat(d.applicationVersionId()).isEqualTo(2L);
    assertThat(d.serviceExecutionRole()).isEqualTo(ROLE + "2");
    assertThat(runtime.last().count).hasValue(5);
    assertThat(rivulet.analytics().listApplicationVersions(r -> r.applicationName("durable"))
        .applicationVersionSummaries()).hasSize(2);
    assertThat(rivulet.analytics().listApplicationSnapshots(r -> r.applicationName("durable"))
        .snapshotSummaries()).singleElement()
        .satisfies(s -> assertThat(s.snapshotName()).startsWith("rivulet-shutdown-"));
  }
}
