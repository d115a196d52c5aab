package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static io.rivulet.it.firehose.FirehoseSdk.awaitAdvancing;
import static io.rivulet.it.firehose.FirehoseSdk.awaitObjects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.splunk.HecReceiver;
import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.HECEndpointType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.SplunkDestinationConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Splunk destination end to end: the SDK's FirehoseClient puts HEC event records into the
 * server, which buffers them until the interval passes on its clock and posts them to the event
 * endpoint of a HEC receiver written from Splunk's HEC documentation (no real Splunk runs here)
 * with the token and a channel, then polls the indexer acknowledgement on that clock; a token the
 * receiver refuses sends the records to the error output in the embedded S3. The configured
 * {@code https://} HECEndpoint reaches the receiver through the server's Firehose endpoint map.
 */
class SplunkDeliveryTest {
  static final String HEC = "https://splunk-hec.example.com:8088";
  static final ObjectMapper JSON = new ObjectMapper();
  static final TestClock clock = new TestClock(Instant.parse("2026-03-05T06:07:08Z").toEpochMilli());
  static final HecReceiver receiver = start();

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock)
      .withS3(new RivuletServer.Options.S3(0, null))
      .withFirehose(o.firehose().withEndpoints(o.firehose().endpoints()
          .withEndpointMap(Map.of(HEC, receiver.url().toString())))));

  static HecReceiver start() {
    try {
      return new HecReceiver("hec-token-1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  static SplunkDestinationConfiguration splunk(String token, String bucket, int retrySeconds) {
    return SplunkDestinationConfiguration.builder()
        .hecEndpoint(HEC).hecEndpointType(HECEndpointType.EVENT).hecToken(token)
        .hecAcknowledgmentTimeoutInSeconds(180)
        .bufferingHints(h -> h.intervalInSeconds(60).sizeInMBs(1))
        .retryOptions(r -> r.durationInSeconds(retrySeconds))
        .s3Configuration(S3DestinationConfiguration.builder().roleARN(ROLE)
            .bucketARN("arn:aws:s3:::" + bucket).build())
        .build();
  }

  static void put(FirehoseClient firehose, String stream, List<String> events) {
    firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(events.stream()
        .map(e -> Record.builder().data(SdkBytes.fromUtf8String(e)).build()).toList()));
  }

  @Test
  void eventsArriveWithTheTokenAndAreAcknowledged() throws Exception {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("to-splunk")
        .splunkDestinationConfiguration(splunk("hec-token-1", "splunk-failed", 300)));
    List<String> events = List.of(
        "{\"event\":{\"action\":\"login\",\"user\":\"ada\"},\"sourcetype\":\"auth\"}",
        "{\"event\":\"plain text event\",\"time\":1772690828}",
        "{\"event\":{\"action\":\"logout\",\"user\":\"ada\"},\"sourcetype\":\"auth\"}");
    put(firehose, "to-splunk", events);
    clock.advance(Duration.ofSeconds(60));
    // the send, then acknowledgement polls every second of the server's clock
    awaitAdvancing(clock, Duration.ofSeconds(1),
        () -> FirehoseSdk.deliveredRecords(rivulet, "to-splunk", "Splunk") == 3,
        "3 events delivered and acknowledged");
    assertThat(receiver.accepted).hasSize(1);
    HecReceiver.Accepted sent = receiver.accepted.get(0);
    assertThat(sent.endpoint()).isEqualTo("event");
    assertThat(sent.contentType()).isEqualTo("application/json");
    assertThat(sent.channel()).matches("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");
    assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo(String.join("", events));
    assertThat(sent.events()).hasSize(3);
    assertThat(sent.events().get(0).path("event").path("user").asText()).isEqualTo("ada");
    assertThat(receiver.ackQueries).isNotEmpty()
        .allSatisfy(q -> assertThat(q).isEqualTo("{\"acks\":[" + sent.ackId() + "]}"));
    rivulet.firehose().deleteDeliveryStream(b -> b.deliveryStreamName("to-splunk"));
  }

  @Test
  void aRefusedTokenSendsTheEventsToTheErrorOutput() throws Exception {
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("splunk-refused"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("wrong-token")
          .splunkDestinationConfiguration(splunk("not-the-token", "splunk-refused", 0)));
      int acceptedBefore = receiver.accepted.size();
      put(firehose, "wrong-token", List.of("{\"event\":\"refused\"}"));
      clock.advance(Duration.ofSeconds(60));
      S3Object object = awaitObjects(s3, "splunk-refused", "splunk-failed/", 1).get(0);
      JsonNode line = JSON.readTree(FirehoseSdk.text(s3, "splunk-refused", object.key()).strip());
      assertThat(line.path("errorCode").asText()).isEqualTo("Splunk.InvalidToken");
      assertThat(line.path("errorMessage").asText()).contains("Invalid token");
      assertThat(line.path("rawData").asText()).isEqualTo(Base64.getEncoder()
          .encodeToString("{\"event\":\"refused\"}".getBytes(StandardCharsets.UTF_8)));
      assertThat(receiver.accepted).hasSize(acceptedBefore);
      assertThat(FirehoseSdk.failedRecords(rivulet, "wrong-token", "Splunk")).isEqualTo(1);
    }
    rivulet.firehose().deleteDeliveryStream(b -> b.deliveryStreamName("wrong-token"));
  }
}
