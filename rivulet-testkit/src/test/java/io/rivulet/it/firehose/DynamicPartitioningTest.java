package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static io.rivulet.it.firehose.FirehoseSdk.awaitObjects;
import static io.rivulet.it.firehose.FirehoseSdk.processor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.processing.KplRecords;
import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import io.rivulet.testkit.WireMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Dynamic partitioning end to end, into the server's embedded S3: MetadataExtraction (jq) takes
 * a partition key from each record, AppendDelimiterToRecord ends each with a newline, and a
 * {@code !{partitionKeyFromQuery:…}} prefix puts each key's records in its own object once the
 * interval passes on the server's clock; records the query cannot read go to the error output.
 * KPL-aggregated records put into a Rivulet data stream reach a KinesisStreamAsSource delivery
 * stream and are split into their user records by RecordDeAggregation before partitioning.
 */
class DynamicPartitioningTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final TestClock clock = new TestClock(Instant.parse("2026-03-05T06:07:08Z").toEpochMilli());

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock)
      .withS3(new RivuletServer.Options.S3(0, null)));

  /** Partitioned by customer, one record a line, after the given processors. */
  static ExtendedS3DestinationConfiguration partitioned(String bucket, Processor... first) {
    List<Processor> processors = new ArrayList<>(List.of(first));
    processors.add(processor("MetadataExtraction", "MetadataExtractionQuery",
        "{customer: .customer}", "JsonParsingEngine", "JQ-1.6"));
    processors.add(processor("AppendDelimiterToRecord", "Delimiter", "\\n"));
    return ExtendedS3DestinationConfiguration.builder().roleARN(ROLE)
        .bucketARN("arn:aws:s3:::" + bucket)
        .prefix("customers/!{partitionKeyFromQuery:customer}/")
        .errorOutputPrefix("errors/!{firehose:error-output-type}/")
        .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(60))
        .dynamicPartitioningConfiguration(d -> d.enabled(true))
        .processingConfiguration(p -> p.enabled(true).processors(processors))
        .build();
  }

  /** The text of the one object under {@code prefix}. */
  static String onlyObject(S3Client s3, String bucket, String prefix) {
    List<S3Object> found = awaitObjects(s3, bucket, prefix, 1);
    assertThat(found).as("objects under %s", prefix).hasSize(1);
    return FirehoseSdk.text(s3, bucket, found.get(0).key());
  }

  static String order(String customer, int n) {
    return "{\"customer\":\"" + customer + "\",\"n\":" + n + "}";
  }

  @Test
  void directPutRecordsLandUnderTheirPartitionKeysPrefixes() throws Exception {
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("by-customer"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("partitioned")
          .extendedS3DestinationConfiguration(partitioned("by-customer")));
      firehose.putRecordBatch(b -> b.deliveryStreamName("partitioned").records(
          Record.builder().data(SdkBytes.fromUtf8String(order("acme", 1))).build(),
          Record.builder().data(SdkBytes.fromUtf8String(order("globex", 2))).build(),
          Record.builder().data(SdkBytes.fromUtf8String("not json")).build(),
          Record.builder().data(SdkBytes.fromUtf8String(order("acme", 3))).build()));
      clock.advance(Duration.ofSeconds(60));

      assertThat(onlyObject(s3, "by-customer", "customers/acme/"))
          .isEqualTo(order("acme", 1) + "\n" + order("acme", 3) + "\n");
      assertThat(onlyObject(s3, "by-customer", "customers/globex/"))
          .isEqualTo(order("globex", 2) + "\n");
      JsonNode failed = JSON.readTree(
          onlyObject(s3, "by-customer", "errors/processing-failed/").strip());
      assertThat(failed.path("errorCode").asText())
          .isEqualTo("DynamicPartitioning.MetadataExtractionFailed");
      assertThat(failed.path("rawData").asText()).isEqualTo("bm90IGpzb24="); // "not json"
      assertThat(FirehoseSdk.objects(s3, "by-customer", "")).hasSize(3);
    }
    rivulet.firehose().deleteDeliveryStream(b -> b.deliveryStreamName("partitioned"));
  }

  @Test
  void kplAggregatedRecordsFromADataStreamAreDeAggregatedAndPartitioned() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    String streamArn = FirehoseSdk.dataStream(rivulet, "orders");
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("kpl-orders"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("orders-deaggregated")
          .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
          .kinesisStreamSourceConfiguration(c -> c.kinesisStreamARN(streamArn).roleARN(ROLE))
          .extendedS3DestinationConfiguration(partitioned("kpl-orders",
              processor("RecordDeAggregation", "SubRecordType", "JSON"))));
      byte[] first = KplRecords.aggregate(List.of(
          new KplRecords.User("k1", null, order("acme", 1)),
          new KplRecords.User("k2", null, order("globex", 2)),
          new KplRecords.User("k1", null, order("acme", 3))));
      byte[] second = KplRecords.aggregate(List.of(new KplRecords.User("k3", null, order("globex", 4))));
      kinesis.putRecords(b -> b.streamName("orders").records(
          entry("k1", first), entry("k3", second),
          entry("plain", order("acme", 5).getBytes(StandardCharsets.UTF_8)),
          entry("lines", (order("initech", 6) + "\n" + order("initech", 7))
              .getBytes(StandardCharsets.UTF_8))));
      FirehoseSdk.await(() -> FirehoseSdk.view(rivulet, "orders-deaggregated").source()
          .recordsRead() == 4, "the 4 Kinesis records read into the delivery stream");
      clock.advance(Duration.ofSeconds(60));

      assertThat(onlyObject(s3, "kpl-orders", "customers/acme/"))
          .isEqualTo(order("acme", 1) + "\n" + order("acme", 3) + "\n" + order("acme", 5) + "\n");
      assertThat(onlyObject(s3, "kpl-orders", "customers/globex/"))
          .isEqualTo(order("globex", 2) + "\n" + order("globex", 4) + "\n");
      assertThat(onlyObject(s3, "kpl-orders", "customers/initech/"))
          .isEqualTo(order("initech", 6) + "\n" + order("initech", 7) + "\n");
      FirehoseSdk.await(() -> FirehoseSdk.deliveredRecords(rivulet, "orders-deaggregated", "S3")
          == 7, "7 user records counted as delivered");
    }
    rivulet.firehose().deleteDeliveryStream(b -> b.deliveryStreamName("orders-deaggregated"));
  }

  static PutRecordsRequestEntry entry(String partitionKey, byte[] data) {
    return PutRecordsRequestEntry.builder().partitionKey(partitionKey)
        .data(SdkBytes.fromByteArray(data)).build();
  }
}
