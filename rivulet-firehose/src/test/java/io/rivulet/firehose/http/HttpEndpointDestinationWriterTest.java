package io.rivulet.firehose.http;

import static io.rivulet.firehose.http.TestBatches.ARN;
import static io.rivulet.firehose.http.TestBatches.T0;
import static io.rivulet.firehose.http.TestBatches.batch;
import static io.rivulet.firehose.http.TestBatches.lines;
import static io.rivulet.firehose.http.TestBatches.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.RecordingDeliveryContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP endpoint writer against a real receiver of Firehose's HTTP endpoint specification
 * ({@link FirehoseReceiver}): what goes on the wire, how responses are judged, retries and the
 * error output. Time passes only through the writer's sleeps.
 */
class HttpEndpointDestinationWriterTest {
  static final HttpSettings SETTINGS = HttpSettings.defaults().withJitter(0);

  final RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
  final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  FirehoseReceiver receiver(String accessKey) throws Exception {
    FirehoseReceiver receiver = FirehoseReceiver.http(accessKey);
    closeables.add(receiver);
    return receiver;
  }

  HttpEndpointDestinationWriter writer(Map<String, Object> config, HttpSettings settings) {
    HttpEndpointDestinationWriter writer =
        new HttpEndpointDestinationWriter(config, ctx, settings);
    closeables.add(writer);
    return writer;
  }

  static Map<String, Object> config(URI url, String accessKey) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("Url", url.toString());
    endpoint.put("Name", "receiver");
    if (accessKey != null) {
      endpoint.put("AccessKey", accessKey);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("EndpointConfiguration", endpoint);
    config.put("S3Configuration", Map.of("RoleARN", "arn:aws:iam::000000000000:role/firehose",
        "BucketARN", "arn:aws:s3:::backup"));
    return config;
  }

  static List<String> strings(List<byte[]> records) {
    return records.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void sendsTheSpecifiedRequestWithEveryHeader() throws Exception {
    FirehoseReceiver receiver = receiver("s3cr3t-key");
    Map<String, Object> config = with(config(receiver.url(), "s3cr3t-key"),
        "RequestConfiguration", Map.of("ContentEncoding", "NONE", "CommonAttributes", List.of(
            Map.of("AttributeName", "deployment-context", "AttributeValue", "pre-prod-gamma"),
            Map.of("AttributeName", "device-types", "AttributeValue", ""),
            Map.of("AttributeName", "région", "AttributeValue", "Zürich"))));
    writer(config, SETTINGS).deliver(batch(40, "{\"a\":1}", "", "hello world"));

    assertThat(receiver.violations).isEmpty();
    assertThat(receiver.received).hasSize(1);
    FirehoseReceiver.Received got = receiver.received.get(0);
    assertThat(strings(got.records())).containsExactly("{\"a\":1}", "", "hello world");
    assertThat(got.accessKey()).isEqualTo("s3cr3t-key");
    assertThat(got.sourceArn()).isEqualTo(ARN);
    assertThat(got.gzip()).isFalse();
    assertThat(got.timestamp()).isEqualTo(T0);
    assertThat(got.pathAndQuery()).isEqualTo("/firehose/ingest?source=rivulet");
    assertThat(got.commonAttributes()).containsExactly(
        Map.entry("deployment-context", "pre-prod-gamma"), Map.entry("device-types", ""),
        Map.entry("région", "Zürich"));
    assertThat(got.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(ctx.counts).containsExactly(
        new RecordingDeliveryContext.Count("HttpEndpoint", 3, 18, true));
    assertThat(ctx.errorOutputs).isEmpty();
    assertThat(ctx.backups).isEmpty();
  }

  @Test
  void theRequestIdIsStableForABatchRangeAndDiffersBetweenRanges() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    HttpEndpointDestinationWriter writer = writer(config(receiver.url(), null), SETTINGS);
    writer.deliver(batch(0, "a", "b"));
    writer.deliver(batch(0, "a", "b"));
    writer.deliver(batch(2, "c"));
    HttpEndpointDestinationWriter restarted = writer(config(receiver.url(), null), SETTINGS);
    restarted.deliver(batch(0, "a", "b"));

    List<String> ids = receiver.received.stream().map(FirehoseReceiver.Received::requestId)
        .toList();
    assertThat(ids.get(0)).isEqualTo(ids.get(1)).isEqualTo(ids.get(3)).isNotEqualTo(ids.get(2));
    assertThat(receiver.received.get(0).accessKey()).isNull();
  }

  @Test
  void gzipsTheBodyWhenConfigured() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    Map<String, Object> config = with(config(receiver.url(), null), "RequestConfiguration",
        Map.of("ContentEncoding", "GZIP"));
    String big = "x".repeat(50_000);
    writer(config, SETTINGS).deliver(batch(7, big, "small"));

    assertThat(receiver.violations).isEmpty();
    FirehoseReceiver.Received got = receiver.received.get(0);
    assertThat(got.gzip()).isTrue();
    assertThat(strings(got.records())).containsExactly(big, "small");
    assertThat(got.commonAttributes()).isEmpty();
  }

  @Test
  void retriesWithBackoffAndTheSameRequestIdUntilTheEndpointTakesTheRecords() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    receiver.script(FirehoseReceiver.fail(500, "try later"), FirehoseReceiver.fail(503, "busy"),
        FirehoseReceiver.fail(429, "slow down"));
    writer(config(receiver.url(), null), SETTINGS).deliver(batch(0, "r1", "r2"));

    assertThat(receiver.received).hasSize(4);
    assertThat(receiver.received.stream().map(FirehoseReceiver.Received::requestId).distinct())
        .hasSize(1);
    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4));
    assertThat(ctx.errorOutputs).isEmpty();
    assertThat(ctx.counts).containsExactly(
        new RecordingDeliveryContext.Count("HttpEndpoint", 2, 4, true));
  }

  @Test
  void afterTheRetryDurationTheRecordsGoToTheErrorOutput() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    for (int i = 0; i < 20; i++) {
      receiver.script(FirehoseReceiver.fail(500, "Unable to deliver records due to unknown error."));
    }
    Map<String, Object> config = with(config(receiver.url(), null), "RetryOptions",
        Map.of("DurationInSeconds", 20));
    writer(config, SETTINGS).deliver(batch(100, "first", "second"));

    // waits 1 + 2 + 4 + 8, then the last 5 s of the 20 s, then one more attempt
    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(5));
    assertThat(receiver.received).hasSize(6);
    assertThat(ctx.errorOutputs).hasSize(1);
    RecordingDeliveryContext.ErrorOutput output = ctx.errorOutputs.get(0);
    assertThat(output.outputType()).isEqualTo("http-endpoint-failed");
    assertThat(output.batch().firstOffset()).isEqualTo(100);
    List<JsonNode> lines = lines(output);
    assertThat(lines).hasSize(2);
    JsonNode line = lines.get(1);
    assertThat(line.get("attemptsMade").asInt()).isEqualTo(6);
    assertThat(line.get("arrivalTimestamp").asLong()).isEqualTo(T0 - 5_000 + 1);
    assertThat(line.get("errorCode").asText()).isEqualTo("HttpEndpoint.DestinationException");
    assertThat(line.get("errorMessage").asText()).contains("500")
        .contains("Unable to deliver records due to unknown error.");
    assertThat(line.get("attemptEndingTimestamp").asLong()).isEqualTo(T0 + 20_000);
    assertThat(new String(Base64.getDecoder().decode(line.get("rawData").asText()),
        StandardCharsets.UTF_8)).isEqualTo("second");
    assertThat(line.get("subsequenceNumber").asInt()).isZero();
    assertThat(line.get("dataId").asText()).isEqualTo("rec-101");
    assertThat(ctx.counts).containsExactly(
        new RecordingDeliveryContext.Count("HttpEndpoint", 2, 0, false));
  }

  @Test
  void aWrongAccessKeyIsRetriedThenReported() throws Exception {
    FirehoseReceiver receiver = receiver("right-key");
    Map<String, Object> config = with(config(receiver.url(), "wrong-key"), "RetryOptions",
        Map.of("DurationInSeconds", 0));
    writer(config, SETTINGS).deliver(batch(0, "r"));

    assertThat(receiver.received).hasSize(1);
    assertThat(ctx.sleeps).isEmpty();
    JsonNode line = lines(ctx.errorOutputs.get(0)).get(0);
    assertThat(line.get("attemptsMade").asInt()).isEqualTo(1);
    assertThat(line.get("errorMessage").asText()).contains("401").contains("Unauthorized");
  }

  @Test
  void status413IsPermanentAndNotRetried() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    receiver.script(FirehoseReceiver.fail(413, "Payload too large"));
    writer(config(receiver.url(), null), SETTINGS).deliver(batch(0, "r"));

    assertThat(receiver.received).hasSize(1);
    assertThat(ctx.sleeps).isEmpty();
    JsonNode line = lines(ctx.errorOutputs.get(0)).get(0);
    assertThat(line.get("errorCode").asText()).isEqualTo("HttpEndpoint.DestinationException");
    assertThat(line.get("errorMessage").asText()).contains("413").contains("Payload too large");
  }

  @Test
  void responsesThatBreakTheSpecAreFailedAttempts() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    receiver.script(
        FirehoseReceiver.raw(200, "application/json", "{\"requestId\":\"other\",\"timestamp\":1}"),
        FirehoseReceiver.raw(200, "application/json", "not json"),
        FirehoseReceiver.raw(200, "text/plain", "ok"),
        FirehoseReceiver.raw(204, null, ""),
        FirehoseReceiver.raw(302, "text/html", "moved"),
        (ex, r) -> FirehoseReceiver.send(ex, 200, "application/json",
            "{\"requestId\":\"" + r.requestId() + "\",\"timestamp\":\"1578090903599\"}"),
        (ex, r) -> FirehoseReceiver.send(ex, 200, "application/json",
            "{\"requestId\":\"" + r.requestId() + "\",\"timestamp\":1,\"status\":\"ok\"}"),
        (ex, r) -> FirehoseReceiver.send(ex, 200, "application/json; charset=utf-8",
            "{\"requestId\":\"" + r.requestId() + "\",\"timestamp\":1,\"errorMessage\":\"\"}"));
    writer(config(receiver.url(), null), SETTINGS).deliver(batch(0, "r"));

    assertThat(receiver.received).hasSize(8);
    assertThat(ctx.errorOutputs).isEmpty();
    assertThat(ctx.counts).hasSize(1).allMatch(RecordingDeliveryContext.Count::delivered);
  }

  @Test
  void anInvalidResponseIsReportedAsSuch() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    receiver.script(FirehoseReceiver.raw(200, "application/json", "{\"requestId\": null}"));
    Map<String, Object> config = with(config(receiver.url(), null), "RetryOptions",
        Map.of("DurationInSeconds", 0));
    writer(config, SETTINGS).deliver(batch(0, "r"));

    JsonNode line = lines(ctx.errorOutputs.get(0)).get(0);
    assertThat(line.get("errorCode").asText())
        .isEqualTo("HttpEndpoint.InvalidResponseFromDestination");
    assertThat(line.get("errorMessage").asText()).contains("requestId")
        .contains("{\"requestId\": null}");
  }

  @Test
  void aResponseLargerThanOneMebibyteIsRefused() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    receiver.script((ex, r) -> FirehoseReceiver.send(ex, 200, "application/json",
        "{\"requestId\":\"" + r.requestId() + "\",\"timestamp\":1,\"errorMessage\":\""
            + "y".repeat(1 << 20) + "\"}"));
    Map<String, Object> config = with(config(receiver.url(), null), "RetryOptions",
        Map.of("DurationInSeconds", 0));
    writer(config, SETTINGS).deliver(batch(0, "r"));

    assertThat(lines(ctx.errorOutputs.get(0)).get(0).get("errorCode").asText())
        .isEqualTo("HttpEndpoint.ResponseTooLarge");
  }

  @Test
  void anEndpointThatDoesNotAnswerInTimeIsARequestTimeout() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    CountDownLatch release = new CountDownLatch(1);
    closeables.add(0, release::countDown);
    receiver.script(FirehoseReceiver.after(release, FirehoseReceiver.ok()));
    Map<String, Object> config = with(config(receiver.url(), null), "RetryOptions",
        Map.of("DurationInSeconds", 1));
    writer(config, SETTINGS.withResponseTimeout(Duration.ofMillis(300)))
        .deliver(batch(0, "slow"));

    assertThat(receiver.received).hasSize(2);
    assertThat(ctx.errorOutputs).isEmpty();
    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void timeoutsExhaustTheRetryDuration() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    CountDownLatch release = new CountDownLatch(1);
    closeables.add(0, release::countDown);
    receiver.script(FirehoseReceiver.after(release, FirehoseReceiver.ok()),
        FirehoseReceiver.after(release, FirehoseReceiver.ok()));
    Map<String, Object> config = with(config(receiver.url(), null), "RetryOptions",
        Map.of("DurationInSeconds", 1));
    writer(config, SETTINGS.withResponseTimeout(Duration.ofMillis(200)))
        .deliver(batch(0, "slow"));

    JsonNode line = lines(ctx.errorOutputs.get(0)).get(0);
    assertThat(line.get("errorCode").asText()).isEqualTo("HttpEndpoint.RequestTimeout");
    assertThat(line.get("attemptsMade").asInt()).isEqualTo(2);
  }

  @Test
  void anEndpointNobodyListensOnIsAConnectionFailure() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    URI url = receiver.url();
    receiver.close();
    Map<String, Object> config = with(config(url, null), "RetryOptions",
        Map.of("DurationInSeconds", 3));
    writer(config, SETTINGS).deliver(batch(0, "r"));

    JsonNode line = lines(ctx.errorOutputs.get(0)).get(0);
    assertThat(line.get("errorCode").asText()).isEqualTo("HttpEndpoint.ConnectionFailed");
    assertThat(line.get("attemptsMade").asInt()).isEqualTo(3);
    assertThat(ctx.slept()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void deliversOverHttpsAndRefusesAnUntrustedCertificate() throws Exception {
    SelfSignedTls tls = SelfSignedTls.get();
    FirehoseReceiver receiver = FirehoseReceiver.https(tls.server, "k");
    closeables.add(receiver);
    Map<String, Object> config = with(config(receiver.url(), "k"), "RequestConfiguration",
        Map.of("ContentEncoding", "GZIP"));
    writer(config, SETTINGS.withSslContext(tls.client)).deliver(batch(0, "secure"));
    assertThat(receiver.violations).isEmpty();
    assertThat(strings(receiver.received.get(0).records())).containsExactly("secure");

    Map<String, Object> noRetry = with(config, "RetryOptions", Map.of("DurationInSeconds", 0));
    writer(noRetry, SETTINGS).deliver(batch(1, "untrusted"));
    assertThat(receiver.received).hasSize(1);
    assertThat(lines(ctx.errorOutputs.get(0)).get(0).get("errorCode").asText())
        .isEqualTo("HttpEndpoint.SSLHandshakeFailure");
  }

  @Test
  void trustsAnExtraCertificateFromAPemFileBesideTheDefaultAuthorities(@TempDir Path dir)
      throws Exception {
    SelfSignedTls tls = SelfSignedTls.get();
    FirehoseReceiver receiver = FirehoseReceiver.https(tls.server, null);
    closeables.add(receiver);
    Path pem = Files.writeString(dir.resolve("endpoint.pem"), tls.pem);
    writer(config(receiver.url(), null), SETTINGS.trustingAlso(pem)).deliver(batch(0, "pem"));
    assertThat(strings(receiver.received.get(0).records())).containsExactly("pem");
    assertThat(ctx.errorOutputs).isEmpty();
  }

  @Test
  void aBatchLargerThanTheBufferSizeIsSentAsSeveralRequests() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    Map<String, Object> config = with(config(receiver.url(), null), "BufferingHints",
        Map.of("SizeInMBs", 1, "IntervalInSeconds", 60));
    String[] records = new String[5];
    for (int i = 0; i < records.length; i++) {
      records[i] = Integer.toString(i).repeat(300_000);
    }
    writer(config, SETTINGS).deliver(batch(10, records));

    assertThat(receiver.violations).isEmpty();
    assertThat(receiver.received).hasSize(3);
    List<String> all = new ArrayList<>();
    receiver.received.forEach(r -> all.addAll(strings(r.records())));
    assertThat(all).containsExactly(records);
    assertThat(receiver.received.stream().map(FirehoseReceiver.Received::requestId).distinct())
        .hasSize(3);
    assertThat(ctx.counts).hasSize(3);
  }

  @Test
  void allDataIsBackedUpAndFailedDataOnlyIsNot() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    DeliveryBatch batch = batch(0, "r");
    writer(with(config(receiver.url(), null), "S3BackupMode", "AllData"), SETTINGS)
        .deliver(batch);
    writer(with(config(receiver.url(), null), "S3BackupMode", "FailedDataOnly"), SETTINGS)
        .deliver(batch);
    assertThat(ctx.backups).containsExactly(batch);
    assertThat(receiver.received).hasSize(2);
  }

  @Test
  void anEmptyBatchSendsNothing() throws Exception {
    FirehoseReceiver receiver = receiver(null);
    writer(config(receiver.url(), null), SETTINGS)
        .deliver(new DeliveryBatch("web-events", ARN, 0, 3, List.of()));
    assertThat(receiver.received).isEmpty();
    assertThat(ctx.counts).isEmpty();
  }
}
