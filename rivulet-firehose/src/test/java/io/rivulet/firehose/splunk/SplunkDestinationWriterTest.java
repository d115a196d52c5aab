package io.rivulet.firehose.splunk;

import static io.rivulet.firehose.http.TestBatches.T0;
import static io.rivulet.firehose.http.TestBatches.batch;
import static io.rivulet.firehose.http.TestBatches.lines;
import static io.rivulet.firehose.http.TestBatches.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.firehose.http.FirehoseReceiver;
import io.rivulet.firehose.http.HttpSettings;
import io.rivulet.firehose.http.SelfSignedTls;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.RecordingDeliveryContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Splunk writer against {@link HecReceiver}, a HEC that follows Splunk's documentation (no
 * real Splunk runs here): event and raw endpoints, token checks, indexer acknowledgements and
 * their timeout, retries and the error output. Time passes only through the writer's sleeps.
 */
class SplunkDestinationWriterTest {
  static final String TOKEN = "11111111-2222-3333-4444-555555555555";
  static final HttpSettings SETTINGS = HttpSettings.defaults().withJitter(0);

  final RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
  final List<AutoCloseable> closeables = new ArrayList<>();
  HecReceiver hec;

  @BeforeEach
  void start() throws Exception {
    hec = new HecReceiver(TOKEN);
    closeables.add(hec);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  static Map<String, Object> config(URI endpoint, String type, String token) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("HECEndpoint", endpoint.toString());
    config.put("HECEndpointType", type);
    config.put("HECToken", token);
    config.put("S3Configuration", Map.of("RoleARN", "arn:aws:iam::000000000000:role/firehose",
        "BucketARN", "arn:aws:s3:::backup"));
    return config;
  }

  SplunkDestinationWriter writer(Map<String, Object> config) {
    SplunkDestinationWriter writer = new SplunkDestinationWriter(config, ctx, SETTINGS);
    closeables.add(0, writer);
    return writer;
  }

  Map<String, Object> event() {
    return config(hec.url(), "Event", TOKEN);
  }

  Map<String, Object> noRetry(Map<String, Object> config) {
    return with(config, "RetryOptions", Map.of("DurationInSeconds", 0));
  }

  @Test
  void sendsEventsToTheEventEndpointAndWaitsForTheirAcknowledgement() throws Exception {
    SplunkDestinationWriter writer = writer(event());
    DeliveryBatch batch = batch(0, "{\"event\":\"login ok\",\"sourcetype\":\"app\"}\n",
        "{\"event\":{\"user\":\"ana\"},\"time\":1700000000}");
    writer.deliver(batch);

    assertThat(hec.accepted).hasSize(1);
    HecReceiver.Accepted got = hec.accepted.get(0);
    assertThat(got.endpoint()).isEqualTo("event");
    assertThat(got.channel()).isEqualTo(writer.channel()).matches("[0-9a-f-]{36}");
    assertThat(got.events()).extracting(e -> e.get("event").toString())
        .containsExactly("\"login ok\"", "{\"user\":\"ana\"}");
    assertThat(got.contentType()).isEqualTo("application/json");
    assertThat(hec.ackQueries).containsExactly("{\"acks\":[0]}");
    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(ctx.counts).containsExactly(
        new RecordingDeliveryContext.Count("Splunk", 2, got.body().length, true));
    assertThat(ctx.errorOutputs).isEmpty();
  }

  @Test
  void sendsRawDataConcatenatedToTheRawEndpoint() throws Exception {
    writer(config(URI.create(hec.url() + "/"), "Raw", TOKEN))
        .deliver(batch(3, "line one\n", "line two\n", "no newline"));

    HecReceiver.Accepted got = hec.accepted.get(0);
    assertThat(got.endpoint()).isEqualTo("raw");
    assertThat(new String(got.body(), StandardCharsets.UTF_8))
        .isEqualTo("line one\nline two\nno newline");
    assertThat(ctx.errorOutputs).isEmpty();
  }

  @Test
  void pollsUntilTheIndexerAcknowledges() throws Exception {
    hec.ackAfterQueries = 4;
    writer(event()).deliver(batch(0, "{\"event\":\"e\"}"));
    assertThat(hec.dataRequests.get()).isEqualTo(1);
    assertThat(hec.ackQueries).hasSize(4);
    assertThat(ctx.sleeps).hasSize(4);
    assertThat(ctx.errorOutputs).isEmpty();
  }

  @Test
  void anAcknowledgementTimeoutIsRetriedWithANewSend() throws Exception {
    hec.acknowledges = id -> id >= 1;
    writer(event()).deliver(batch(0, "{\"event\":\"e\"}"));

    assertThat(hec.accepted).extracting(HecReceiver.Accepted::ackId).containsExactly(0L, 1L);
    // 180 one-second polls for ackId 0, one second of back-off, one poll for ackId 1
    assertThat(ctx.sleeps).hasSize(182);
    assertThat(ctx.slept()).isEqualTo(Duration.ofSeconds(182));
    assertThat(ctx.errorOutputs).isEmpty();
  }

  @Test
  void anAcknowledgementThatNeverComesEndsInTheErrorOutput() throws Exception {
    hec.acknowledges = id -> false;
    writer(noRetry(with(event(), "HECAcknowledgmentTimeoutInSeconds", 200)))
        .deliver(batch(10, "{\"event\":\"a\"}", "{\"event\":\"b\"}"));

    assertThat(ctx.slept()).isEqualTo(Duration.ofSeconds(200));
    assertThat(ctx.errorOutputs).hasSize(1);
    RecordingDeliveryContext.ErrorOutput output = ctx.errorOutputs.get(0);
    assertThat(output.outputType()).isEqualTo("splunk-failed");
    List<JsonNode> lines = lines(output);
    assertThat(lines).hasSize(2);
    JsonNode line = lines.get(0);
    assertThat(line.get("attemptsMade").asInt()).isEqualTo(1);
    assertThat(line.get("arrivalTimestamp").asLong()).isEqualTo(T0 - 5_000);
    assertThat(line.get("errorCode").asText()).isEqualTo("Splunk.AckTimeout");
    assertThat(line.get("errorMessage").asText()).contains("acknowledgement");
    assertThat(line.get("attemptEndingTimestamp").asLong()).isEqualTo(T0 + 200_000);
    assertThat(new String(Base64.getDecoder().decode(line.get("rawData").asText()),
        StandardCharsets.UTF_8)).isEqualTo("{\"event\":\"a\"}");
    assertThat(line.get("EventId").asText()).isEqualTo("rec-10");
    assertThat(ctx.counts).containsExactly(
        new RecordingDeliveryContext.Count("Splunk", 2, 0, false));
  }

  @Test
  void aBusyServerIsRetriedWithBackoff() throws Exception {
    hec.script(new HecReceiver.Answer(503, 9, "Server is busy"),
        new HecReceiver.Answer(500, 8, "Internal server error"));
    writer(event()).deliver(batch(0, "{\"event\":\"e\"}"));

    assertThat(hec.dataRequests.get()).isEqualTo(3);
    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(1));
    assertThat(ctx.errorOutputs).isEmpty();
  }

  @Test
  void aWrongTokenIsRetriedForTheRetryDurationThenReported() throws Exception {
    writer(with(config(hec.url(), "Event", "not-the-token"), "RetryOptions",
        Map.of("DurationInSeconds", 10))).deliver(batch(0, "{\"event\":\"e\"}"));

    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(3));
    JsonNode line = lines(ctx.errorOutputs.get(0)).get(0);
    assertThat(line.get("errorCode").asText()).isEqualTo("Splunk.InvalidToken");
    assertThat(line.get("errorMessage").asText()).contains("403").contains("Invalid token");
    assertThat(line.get("attemptsMade").asInt()).isEqualTo(5);
  }

  @Test
  void hecErrorsMapToFirehoseSplunkErrorCodes() throws Exception {
    assertThat(failureOf(() -> hec.tokenDisabled = true, event(), "{\"event\":\"e\"}"))
        .isEqualTo("Splunk.DisabledToken");
    assertThat(failureOf(() -> hec.ackEnabled = false, event(), "{\"event\":\"e\"}"))
        .isEqualTo("Splunk.DisabledAck");
    assertThat(failureOf(() -> { }, event(), "plain text is not an event"))
        .isEqualTo("Splunk.InvalidDataFormat");
    assertThat(failureOf(() -> { }, event(), "{\"sourcetype\":\"no event field\"}"))
        .isEqualTo("Splunk.InvalidDataFormat");
    assertThat(failureOf(() -> hec.script(new HecReceiver.Answer(400, 7, "Incorrect index")),
        event(), "{\"event\":\"e\"}")).isEqualTo("Splunk.InvalidIndex");
  }

  private String failureOf(Runnable setUp, Map<String, Object> config, String record)
      throws Exception {
    hec.tokenDisabled = false;
    hec.ackEnabled = true;
    setUp.run();
    ctx.errorOutputs.clear();
    writer(noRetry(config)).deliver(batch(0, record));
    assertThat(ctx.errorOutputs).hasSize(1);
    return lines(ctx.errorOutputs.get(0)).get(0).get("errorCode").asText();
  }

  @Test
  void transportFailuresMapToFirehoseSplunkErrorCodes() throws Exception {
    URI closed = hec.url();
    hec.close();
    assertThat(failureOf(() -> { }, config(closed, "Event", TOKEN), "{\"event\":\"e\"}"))
        .isEqualTo("Splunk.InvalidEndpoint");

    FirehoseReceiver tlsOnly = FirehoseReceiver.https(SelfSignedTls.get().server, null);
    closeables.add(tlsOnly);
    URI untrusted = URI.create("https://127.0.0.1:" + tlsOnly.url().getPort());
    assertThat(failureOf(() -> { }, config(untrusted, "Event", TOKEN), "{\"event\":\"e\"}"))
        .isEqualTo("Splunk.SSLHandshake");
  }

  @Test
  void allEventsAreBackedUp() throws Exception {
    DeliveryBatch batch = batch(0, "{\"event\":\"e\"}");
    writer(with(event(), "S3BackupMode", "AllEvents")).deliver(batch);
    writer(with(event(), "S3BackupMode", "FailedEventsOnly")).deliver(batch);
    assertThat(ctx.backups).containsExactly(batch);
    assertThat(hec.accepted).hasSize(2);
  }

  @Test
  void anEmptyBatchSendsNothing() throws Exception {
    writer(event()).deliver(new DeliveryBatch("web-events",
        io.rivulet.firehose.http.TestBatches.ARN, 0, 0, Collections.emptyList()));
    assertThat(hec.dataRequests.get()).isZero();
  }
}
