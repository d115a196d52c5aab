package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.it.Launcher;
import io.rivulet.it.Launcher.Run;
import io.rivulet.testkit.AwsCli;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Analytics from the command line against a live server whose runtime is a {@link TestRuntime}:
 * {@code aws kinesisanalyticsv2 ...} (the AWS CLI v2) for the API as AWS users call it, and
 * {@code ./rivulet analytics create|list|describe|start|stop|delete} through the real launcher.
 */
class AnalyticsCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final TestRuntime runtime = new TestRuntime("FLINK-2_2");

  @RegisterExtension static RivuletExtension rivulet =
      new RivuletExtension().withRuntimes(() -> List.<ApplicationRuntime>of(runtime));

  static JsonNode aws(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--output", "json", "kinesisanalyticsv2"));
    all.addAll(List.of(args));
    AwsCli.Result r = AwsCli.run(rivulet.endpoint(), "AKIDCLITEST", all.toArray(String[]::new));
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out().isBlank() ? JSON.nullNode() : JSON.readTree(r.out());
  }

  static AwsCli.Result awsFails(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--output", "json", "kinesisanalyticsv2"));
    all.addAll(List.of(args));
    AwsCli.Result r = AwsCli.run(rivulet.endpoint(), "AKIDCLITEST", all.toArray(String[]::new));
    assertThat(r.exit()).isNotZero();
    return r;
  }

  static String awaitStatus(String name, String status) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String now;
    do {
      now = rivulet.analytics().describeApplication(r -> r.applicationName(name))
          .applicationDetail().applicationStatusAsString();
      Thread.sleep(20);
    } while (!now.equals(status) && System.nanoTime() < deadline);
    return now;
  }

  @Test
  void theAwsCli() throws Exception {
    assumeTrue(AwsCli.installed(), "the AWS CLI v2 is not installed at " + AwsCli.AWS);
    // each run of the CLI costs about two seconds: the calls AWS users make most
    JsonNode created = aws("create-application", "--application-name", "cli-app",
        "--runtime-environment", "FLINK-2_2", "--service-execution-role",
        "arn:aws:iam::000000000000:role/r", "--application-configuration",
        "{\"EnvironmentProperties\":{\"PropertyGroups\":[{\"PropertyGroupId\":\"g\","
            + "\"PropertyMap\":{\"k\":\"v\"}}]},\"ApplicationSnapshotConfiguration\":"
            + "{\"SnapshotsEnabled\":true}}", "--tags", "Key=env,Value=cli");
    assertThat(created.at("/ApplicationDetail/ApplicationStatus").asText()).isEqualTo("READY");
    aws("start-application", "--application-name", "cli-app"); // this CLI's model has no OperationId
    assertThat(awaitStatus("cli-app", "RUNNING")).isEqualTo("RUNNING");
    JsonNode updated = aws("update-application", "--application-name", "cli-app",
        "--current-application-version-id", "1", "--application-configuration-update",
        "{\"FlinkApplicationConfigurationUpdate\":{\"ParallelismConfigurationUpdate\":"
            + "{\"ConfigurationTypeUpdate\":\"CUSTOM\",\"ParallelismUpdate\":2}}}");
    assertThat(updated.at("/ApplicationDetail/ApplicationVersionId").asInt()).isEqualTo(2);
    assertThat(awaitStatus("cli-app", "RUNNING")).isEqualTo("RUNNING");
    assertThat(runtime.last().spec.parallelism()).isEqualTo(2);
    assertThat(rivulet.analytics().listApplicationSnapshots(r -> r.applicationName("cli-app"))
        .snapshotSummaries()).extracting(s -> s.snapshotName()).singleElement().asString()
        .startsWith("rivulet-update-"); // the update restarted the job from a snapshot
    assertThat(rivulet.analytics().listTagsForResource(r -> r.resourceARN(
        created.at("/ApplicationDetail/ApplicationARN").asText())).tags().get(0).value()).isEqualTo("cli");
    aws("stop-application", "--application-name", "cli-app", "--force");
    assertThat(awaitStatus("cli-app", "READY")).isEqualTo("READY");
    AwsCli.Result missing = awsFails("describe-application", "--application-name", "nope");
    assertThat(missing.err()).contains("ResourceNotFoundException").contains("nope");
    aws("delete-application", "--application-name", "cli-app", "--create-timestamp",
        created.at("/ApplicationDetail/CreateTimestamp").asText());
    assertThat(rivulet.analytics().listApplications().applicationSummaries()).isEmpty();
  }

  @Test
  void rivuletAnalyticsVerbs(@TempDir Path tmp) throws Exception {
    var kinesis = rivulet.sync(WireMode.JSON);
    kinesis.createStream(r -> r.streamName("views").shardCount(1));
    kinesis.waiter().waitUntilStreamExists(r -> r.streamName("views"));
    kinesis.putRecord(r -> r.streamName("views").partitionKey("p")
        .data(SdkBytes.fromUtf8String("{\"user_id\":\"u1\",\"page\":\"/\"}")));
    Path sql = Files.writeString(tmp.resolve("app.sql"),
        "CREATE OR REPLACE STREAM \"DEST\" (user_id VARCHAR(4));\n");
    Run create = Launcher.run(rivulet.endpoint(), null, "analytics", "create", "views-sql",
        "--sql", sql.toString(), "--input-stream", "views", "--output-stream", "DEST=active-users");
    assertThat(create.exit()).as(create.err()).isZero();
    assertThat(create.out()).contains("views-sql").contains("READY").contains("SQL-1_0")
        .contains("SOURCE_SQL_STREAM_001").contains("stream/views").contains("stream/active-users");
    var input = rivulet.analytics().describeApplication(r -> r.applicationName("views-sql"))
        .applicationDetail().applicationConfigurationDescription()
        .sqlApplicationConfigurationDescription().inputDescriptions().get(0);
    assertThat(input.inputSchema().recordColumns()).extracting(c -> c.name())
        .containsExactly("user_id", "page");

    Path jar = Files.write(tmp.resolve("app.jar"), new byte[] {'P', 'K', 3, 4});
    Run flink = Launcher.run(rivulet.endpoint(), null, "analytics", "create", "views-flink",
        "--jar", jar.toString(), "--property", "app.window=5m", "--parallelism", "1", "--snapshots");
    assertThat(flink.exit()).as(flink.err()).isZero();
    assertThat(flink.out()).contains("FLINK-2_2");
    Run start = Launcher.run(rivulet.endpoint(), null, "analytics", "start", "views-flink", "--wait");
    assertThat(start.exit()).as(start.err()).isZero();
    assertThat(rivulet.analytics().describeApplication(r -> r.applicationName("views-flink"))
        .applicationDetail().applicationStatusAsString()).isEqualTo("RUNNING");
    assertThat(runtime.last().spec.properties()).containsEntry("app", java.util.Map.of("window", "5m"));
    Run stop = Launcher.run(rivulet.endpoint(), null, "analytics", "stop", "views-flink", "--wait");
    assertThat(stop.exit()).as(stop.err()).isZero();
    Run failed = Launcher.run(rivulet.endpoint(), null, "analytics", "start", "views-sql", "--wait");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.err()).contains("views-sql did not start");
    Run json = Launcher.run(rivulet.endpoint(), null, "analytics", "describe", "views-flink",
        "--output", "json");
    assertThat(JSON.readTree(json.out()).at("/ApplicationDetail/ApplicationStatus").asText())
        .isEqualTo("READY");
    Run delete = Launcher.run(rivulet.endpoint(), null, "analytics", "delete", "views-flink");
    assertThat(delete.exit()).as(delete.err()).isZero();
    Run list = Launcher.run(rivulet.endpoint(), null, "analytics", "list");
    assertThat(list.out()).contains("views-sql").contains("READY").contains("SQL-1_0")
        .doesNotContain("views-flink");
  }
}
