package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.engine.FirehoseConfig;
import io.rivulet.firehose.http.FirehoseReceiver;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.HttpEndpointConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * The whole pipeline through one server: records put into a Rivulet data stream are read by a
 * KinesisStreamAsSource delivery stream, buffered durably and delivered to an HTTP endpoint that
 * follows Firehose's HTTP endpoint specification (the configured {@code https://} URL is mapped to
 * the local receiver by the server's endpoint map); DirectPut records reach the same endpoint.
 */
class KinesisToHttpEndpointTest {
  static final FirehoseReceiver receiver = start();
  static final String CONFIGURED_URL = "https://receiver.example.com";

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withFirehose(
      o.firehose().withEndpoints(FirehoseConfig.Endpoints.none()
          .withEndpointMap(Map.of(CONFIGURED_URL, receiver.url().toString())))));

  static FirehoseReceiver start() {
    try {
      return FirehoseReceiver.http("key-1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  static HttpEndpointDestinationConfiguration http(String path) {
    return HttpEndpointDestinationConfiguration.builder()
        .endpointConfiguration(HttpEndpointConfiguration.builder().url(CONFIGURED_URL + path)
            .accessKey("key-1").name("local").build())
        .bufferingHints(h -> h.intervalInSeconds(0).sizeInMBs(1))
        .s3Configuration(S3DestinationConfiguration.builder().bucketARN("arn:aws:s3:::backup")
            .roleARN(ROLE).build())
        .build();
  }

  List<String> receivedAt(String path) {
    List<String> out = new ArrayList<>();
    for (FirehoseReceiver.Received r : receiver.received) {
      if (r.pathAndQuery().startsWith(path)) {
        r.records().forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  @Test
  void kinesisRecordsArriveAtTheHttpEndpoint() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    kinesis.createStream(b -> b.streamName("clicks").shardCount(2));
    String streamArn = kinesis.describeStreamSummary(b -> b.streamName("clicks"))
        .streamDescriptionSummary().streamARN();
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("clicks-to-http")
        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
        .kinesisStreamSourceConfiguration(c -> c.kinesisStreamARN(streamArn).roleARN(ROLE))
        .httpEndpointDestinationConfiguration(http("/kinesis")));
    List<String> sent = new ArrayList<>();
    for (int batch = 0; batch < 5; batch++) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String data = "click-" + batch + "-" + i;
        sent.add(data);
        entries.add(PutRecordsRequestEntry.builder().partitionKey("user-" + i)
            .data(SdkBytes.fromUtf8String(data)).build());
      }
      kinesis.putRecords(b -> b.streamName("clicks").records(entries));
    }
    awaitCount("/kinesis", sent.size());
    assertThat(receivedAt("/kinesis")).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(receiver.violations).isEmpty();
    assertThat(receiver.received).allSatisfy(r -> assertThat(r.accessKey()).isEqualTo("key-1"));
    var key = new io.rivulet.firehose.engine.DeliveryStreamKey("000000000000", "us-east-1", "clicks-to-http");
    assertThat(rivulet.server().firehose().engine().sourceStats(key).recordsRead()).isEqualTo(sent.size());
  }

  @Test
  void directPutRecordsArriveAtTheHttpEndpoint() throws Exception {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("direct-to-http")
        .httpEndpointDestinationConfiguration(http("/direct")));
    firehose.putRecordBatch(b -> b.deliveryStreamName("direct-to-http").records(
        Record.builder().data(SdkBytes.fromUtf8String("one")).build(),
        Record.builder().data(SdkBytes.fromUtf8String("two")).build()));
    firehose.putRecord(b -> b.deliveryStreamName("direct-to-http")
        .record(r -> r.data(SdkBytes.fromUtf8String("three"))));
    awaitCount("/direct", 3);
    assertThat(receivedAt("/direct")).containsExactlyInAnyOrder("one", "two", "three");
    assertThat(receiver.violations).isEmpty();
    assertThat(URI.create(CONFIGURED_URL).getHost()).isEqualTo("receiver.example.com");
  }

  void awaitCount(String path, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (receivedAt(path).size() < n) {
      assertThat(System.nanoTime()).as("%s records at %s", n, path).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
