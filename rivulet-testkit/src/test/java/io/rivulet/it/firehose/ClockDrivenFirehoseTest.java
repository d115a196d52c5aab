package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.assertError;
import static io.rivulet.it.firehose.FirehoseSdk.createS3;
import static io.rivulet.it.firehose.FirehoseSdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * What depends on time, on an injected clock: throttling per second ({@code --throttling aws}),
 * the 24-hour window of encryption calls, and the metrics that count puts and throttles.
 */
class ClockDrivenFirehoseTest {
  static final TestClock clock = new TestClock();

  // deliveries the clock makes due go to the embedded S3 server (where bucket "b" is missing, so
  // they are retried), never to AWS
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock)
      .withThrottling(true).withS3(new io.rivulet.server.RivuletServer.Options.S3(0, null)));

  static Record record(int size) {
    return Record.builder().data(SdkBytes.fromByteArray(new byte[size])).build();
  }

  String scrape() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(rivulet.endpoint() + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void recordsOverTheQuotaAreRefusedWithSlowDownUntilTheNextSecond() throws Exception {
    try (FirehoseClient firehose = Clients.firehoseWithoutRetries(rivulet.endpoint())) {
      createS3(firehose, "throttled", "b");
      clock.advance(Duration.ofSeconds(1));
      List<Record> batch = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        batch.add(record(10));
      }
      for (int i = 0; i < 10; i++) { // 5,000 records: the per-second quota
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("throttled").records(batch))
            .failedPutCount()).isZero();
      }
      PutRecordBatchResponse over = firehose.putRecordBatch(b -> b.deliveryStreamName("throttled")
          .records(batch));
      assertThat(over.failedPutCount()).isEqualTo(500);
      assertThat(over.requestResponses()).allSatisfy(e -> {
        assertThat(e.recordId()).isNull();
        assertThat(e.errorCode()).isEqualTo("ServiceUnavailableException");
        assertThat(e.errorMessage()).isEqualTo("Slow down.");
      });
      assertError(error(() -> firehose.putRecord(b -> b.deliveryStreamName("throttled").record(record(1)))),
          "ServiceUnavailableException", 503, "Slow down.");
      clock.advance(Duration.ofSeconds(1));
      assertThat(firehose.putRecord(b -> b.deliveryStreamName("throttled").record(record(1))).recordId())
          .isNotBlank();

      String metrics = scrape();
      String labels = "{account=\"000000000000\",delivery_stream=\"throttled\",region=\"us-east-1\"}";
      assertThat(metrics).contains("rivulet_firehose_incoming_records_total" + labels + " 5001.0")
          .contains("rivulet_firehose_incoming_bytes_total" + labels + " 50001.0")
          .contains("rivulet_firehose_throttled_records_total" + labels + " 501.0")
          .contains("rivulet_firehose_incoming_put_requests_total" + labels + " 13.0")
          .contains("rivulet_firehose_buffered_bytes" + labels + " 50001.0");
    }
  }

  @Test
  void bytesPerSecondAreLimitedToo() {
    try (FirehoseClient firehose = Clients.firehoseWithoutRetries(rivulet.endpoint())) {
      createS3(firehose, "throttled-bytes", "b");
      clock.advance(Duration.ofSeconds(1));
      List<Record> big = List.of(record(1_000_000), record(1_000_000), record(1_000_000), record(1_000_000));
      assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("throttled-bytes").records(big))
          .failedPutCount()).isZero();
      PutRecordBatchResponse r = firehose.putRecordBatch(b -> b.deliveryStreamName("throttled-bytes")
          .records(record(1_000_000), record(1_000_000)));
      assertThat(r.failedPutCount()).as("5 MiB per second: the second megabyte is over").isEqualTo(1);
      assertThat(r.requestResponses().get(0).recordId()).isNotNull();
      assertThat(r.requestResponses().get(1).errorCode()).isEqualTo("ServiceUnavailableException");
    }
  }

  @Test
  void theEncryptionCallLimitIsPerTwentyFourHours() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "sse-day", "b");
    for (int i = 0; i < 25; i++) {
      if (i % 2 == 0) {
        firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-day"));
      } else {
        firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-day"));
      }
      clock.advance(Duration.ofMinutes(1));
    }
    assertError(error(() -> firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-day"))),
        "LimitExceededException", 400, null);
    clock.advance(Duration.ofHours(24).minusMinutes(25).plusSeconds(1));
    firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-day")); // the first call aged out
    assertError(error(() -> firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-day"))),
        "LimitExceededException", 400, null);
  }
}
