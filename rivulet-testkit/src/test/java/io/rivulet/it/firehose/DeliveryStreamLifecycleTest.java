package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static io.rivulet.it.firehose.FirehoseSdk.assertError;
import static io.rivulet.it.firehose.FirehoseSdk.createS3;
import static io.rivulet.it.firehose.FirehoseSdk.error;
import static io.rivulet.it.firehose.FirehoseSdk.s3;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.HttpEndpointConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceConfiguration;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.NoEncryptionConfig;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.S3DestinationDescription;

/**
 * CreateDeliveryStream, DescribeDeliveryStream, ListDeliveryStreams and DeleteDeliveryStream
 * through the SDK's FirehoseClient: shapes, defaults AWS fills in, secrets not echoed, paging,
 * and the errors.
 */
class DeliveryStreamLifecycleTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Test
  void createDescribesTheExtendedS3DestinationWithAwsDefaults() {
    FirehoseClient firehose = rivulet.firehose();
    Instant before = Instant.now().minusSeconds(1);
    String arn = firehose.createDeliveryStream(b -> b.deliveryStreamName("described")
        .extendedS3DestinationConfiguration(s3("bucket", 1, 60).toBuilder().prefix("data/")
            .compressionFormat(CompressionFormat.GZIP).build())).deliveryStreamARN();
    assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/described");

    DeliveryStreamDescription d = firehose.describeDeliveryStream(b -> b.deliveryStreamName("described"))
        .deliveryStreamDescription();
    assertThat(d.deliveryStreamName()).isEqualTo("described");
    assertThat(d.deliveryStreamARN()).isEqualTo(arn);
    assertThat(d.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
    assertThat(d.deliveryStreamType()).isEqualTo(DeliveryStreamType.DIRECT_PUT);
    assertThat(d.versionId()).isEqualTo("1");
    assertThat(d.createTimestamp()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(d.lastUpdateTimestamp()).isNull();
    assertThat(d.hasMoreDestinations()).isFalse();
    assertThat(d.deliveryStreamEncryptionConfiguration().status())
        .isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
    assertThat(d.destinations()).hasSize(1);
    DestinationDescription dest = d.destinations().get(0);
    assertThat(dest.destinationId()).isEqualTo("destinationId-000000000001");
    ExtendedS3DestinationDescription x = dest.extendedS3DestinationDescription();
    assertThat(x.bucketARN()).isEqualTo("arn:aws:s3:::bucket");
    assertThat(x.roleARN()).isEqualTo(ROLE);
    assertThat(x.prefix()).isEqualTo("data/");
    assertThat(x.bufferingHints().sizeInMBs()).isEqualTo(1);
    assertThat(x.bufferingHints().intervalInSeconds()).isEqualTo(60);
    assertThat(x.compressionFormat()).isEqualTo(CompressionFormat.GZIP);
    assertThat(x.encryptionConfiguration().noEncryptionConfig()).isEqualTo(NoEncryptionConfig.NO_ENCRYPTION);
    assertThat(x.cloudWatchLoggingOptions().enabled()).isFalse();
    assertThat(x.s3BackupModeAsString()).isEqualTo("Disabled");
    S3DestinationDescription s = dest.s3DestinationDescription();
    assertThat(s.bucketARN()).isEqualTo("arn:aws:s3:::bucket");
    assertThat(s.prefix()).isEqualTo("data/");
    assertThat(s.compressionFormat()).isEqualTo(CompressionFormat.GZIP);

    assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("described")
        .exclusiveStartDestinationId("destinationId-000000000001")).deliveryStreamDescription()
        .destinations()).isEmpty();
    assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("described").limit(1))
        .deliveryStreamDescription().destinations()).hasSize(1);
  }

  @Test
  @SuppressWarnings("deprecation") // S3DestinationConfiguration, still accepted by AWS
  void anS3ConfigurationBecomesExtendedS3WithDefaultHints() {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("plain-s3")
        .s3DestinationConfiguration(S3DestinationConfiguration.builder()
            .bucketARN("arn:aws:s3:::plain").roleARN(ROLE).build()));
    DestinationDescription dest = firehose.describeDeliveryStream(b -> b.deliveryStreamName("plain-s3"))
        .deliveryStreamDescription().destinations().get(0);
    assertThat(dest.extendedS3DestinationDescription().bucketARN()).isEqualTo("arn:aws:s3:::plain");
    assertThat(dest.s3DestinationDescription().bufferingHints().sizeInMBs()).isEqualTo(5);
    assertThat(dest.s3DestinationDescription().bufferingHints().intervalInSeconds()).isEqualTo(300);
    assertThat(dest.s3DestinationDescription().compressionFormat()).isEqualTo(CompressionFormat.UNCOMPRESSED);
  }

  @Test
  void secretsAreNotEchoed() {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("http-dest")
        .httpEndpointDestinationConfiguration(HttpEndpointDestinationConfiguration.builder()
            .endpointConfiguration(HttpEndpointConfiguration.builder().url("https://example.com/in")
                .name("receiver").accessKey("very-secret").build())
            .s3Configuration(S3DestinationConfiguration.builder().bucketARN("arn:aws:s3:::backup")
                .roleARN(ROLE).build())
            .build()));
    DestinationDescription dest = firehose.describeDeliveryStream(b -> b.deliveryStreamName("http-dest"))
        .deliveryStreamDescription().destinations().get(0);
    assertThat(dest.httpEndpointDestinationDescription().endpointConfiguration().url())
        .isEqualTo("https://example.com/in");
    assertThat(dest.httpEndpointDestinationDescription().endpointConfiguration().name()).isEqualTo("receiver");
    assertThat(dest.httpEndpointDestinationDescription().s3DestinationDescription().bucketARN())
        .isEqualTo("arn:aws:s3:::backup");
    assertThat(dest.toString()).doesNotContain("very-secret");
    assertThat(dest.extendedS3DestinationDescription()).isNull();
  }

  @Test
  void kinesisStreamAsSourceDescribesItsSource() {
    FirehoseClient firehose = rivulet.firehose();
    String streamArn = FirehoseSdk.dataStream(rivulet, "source");
    firehose.createDeliveryStream(b -> b.deliveryStreamName("from-kinesis")
        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
        .kinesisStreamSourceConfiguration(KinesisStreamSourceConfiguration.builder()
            .kinesisStreamARN(streamArn).roleARN(ROLE).build())
        .extendedS3DestinationConfiguration(s3("b", 5, 300)));
    DeliveryStreamDescription d = firehose.describeDeliveryStream(b -> b.deliveryStreamName("from-kinesis"))
        .deliveryStreamDescription();
    assertThat(d.deliveryStreamType()).isEqualTo(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE);
    assertThat(d.source().kinesisStreamSourceDescription().kinesisStreamARN()).isEqualTo(streamArn);
    assertThat(d.source().kinesisStreamSourceDescription().roleARN()).isEqualTo(ROLE);
    assertThat(d.source().kinesisStreamSourceDescription().deliveryStartTimestamp()).isEqualTo(d.createTimestamp());
  }

  @Test
  void listPagesInNameOrderAndFiltersByType() {
    FirehoseClient firehose = rivulet.firehose();
    List<String> names = List.of("list-c", "list-a", "list-e", "list-b", "list-d");
    for (String n : names) {
      createS3(firehose, n, "b");
    }
    firehose.createDeliveryStream(b -> b.deliveryStreamName("list-kinesis")
        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
        .kinesisStreamSourceConfiguration(KinesisStreamSourceConfiguration.builder()
            .kinesisStreamARN(FirehoseSdk.dataStream(rivulet, "s")).roleARN(ROLE).build())
        .extendedS3DestinationConfiguration(s3("b", 5, 300)));
    List<String> seen = new ArrayList<>();
    String after = "list-";
    while (true) {
      String start = after;
      ListDeliveryStreamsResponse page = firehose.listDeliveryStreams(b -> b.limit(2)
          .deliveryStreamType(DeliveryStreamType.DIRECT_PUT).exclusiveStartDeliveryStreamName(start));
      List<String> mine = page.deliveryStreamNames().stream().filter(n -> n.startsWith("list-")).toList();
      seen.addAll(mine);
      assertThat(page.deliveryStreamNames()).hasSizeLessThanOrEqualTo(2);
      if (!page.hasMoreDeliveryStreams() || mine.size() < page.deliveryStreamNames().size()) {
        break;
      }
      after = page.deliveryStreamNames().get(page.deliveryStreamNames().size() - 1);
    }
    assertThat(seen).containsExactly("list-a", "list-b", "list-c", "list-d", "list-e");
    assertThat(firehose.listDeliveryStreams(b -> b.deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE))
        .deliveryStreamNames()).contains("list-kinesis").doesNotContain("list-a");
    assertThat(firehose.listDeliveryStreams(b -> b.limit(10000)).deliveryStreamNames())
        .contains("list-a", "list-kinesis");
  }

  @Test
  void listDefaultsToTenNames() {
    FirehoseClient firehose = rivulet.firehose();
    for (int i = 0; i < 12; i++) {
      createS3(firehose, "ten-" + (char) ('a' + i), "b");
    }
    ListDeliveryStreamsResponse first = firehose.listDeliveryStreams(b -> b.exclusiveStartDeliveryStreamName("ten-"));
    assertThat(first.deliveryStreamNames()).hasSize(10);
    assertThat(first.hasMoreDeliveryStreams()).isTrue();
  }

  @Test
  void deleteRemovesTheDeliveryStream() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "doomed", "b");
    firehose.deleteDeliveryStream(b -> b.deliveryStreamName("doomed").allowForceDelete(true));
    assertError(error(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("doomed"))),
        "ResourceNotFoundException", 400, "Firehose doomed under account 000000000000 not found.");
    assertThat(firehose.listDeliveryStreams(b -> b.limit(10000)).deliveryStreamNames()).doesNotContain("doomed");
    createS3(firehose, "doomed", "b"); // the name is free again
    assertThat(firehose.describeDeliveryStream(b -> b.deliveryStreamName("doomed"))
        .deliveryStreamDescription().versionId()).isEqualTo("1");
  }

  @Test
  @SuppressWarnings("deprecation") // S3DestinationConfiguration
  void errors() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "taken", "b");
    assertError(error(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("taken")
        .extendedS3DestinationConfiguration(s3("b", 5, 300)))), "ResourceInUseException", 400,
        "Firehose taken under accountId 000000000000 already exists");
    assertError(error(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("nothing"))),
        "InvalidArgumentException", 400,
        "Exactly one destination configuration must be specified for a delivery stream.");
    assertError(error(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("two")
        .extendedS3DestinationConfiguration(s3("b", 5, 300))
        .s3DestinationConfiguration(S3DestinationConfiguration.builder().bucketARN("arn:aws:s3:::b")
            .roleARN(ROLE).build()))), "InvalidArgumentException", 400, null);
    assertError(error(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("no-source")
        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
        .extendedS3DestinationConfiguration(s3("b", 5, 300)))), "InvalidArgumentException", 400, null);
    assertError(error(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad name!")
        .extendedS3DestinationConfiguration(s3("b", 5, 300)))), "ValidationException", 400,
        "1 validation error detected: Value 'bad name!' at 'deliveryStreamName' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    assertError(error(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("hints")
        .extendedS3DestinationConfiguration(s3("b", 129, 901)))), "ValidationException", 400, null);
    assertError(error(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("no-stream")
        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
        .kinesisStreamSourceConfiguration(c -> c.roleARN(ROLE)
            .kinesisStreamARN("arn:aws:kinesis:us-east-1:000000000000:stream/not-there"))
        .extendedS3DestinationConfiguration(s3("b", 5, 300)))), "InvalidArgumentException", 400, null);
    assertError(error(() -> firehose.deleteDeliveryStream(b -> b.deliveryStreamName("absent"))),
        "ResourceNotFoundException", 400, "Firehose absent under account 000000000000 not found.");
    assertError(error(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("absent"))),
        "ResourceNotFoundException", 400, null);
  }

  @Test
  void asyncClientCreatesDescribesListsAndDeletes() throws Exception {
    var async = rivulet.firehoseAsync();
    async.createDeliveryStream(b -> b.deliveryStreamName("async-life")
        .extendedS3DestinationConfiguration(s3("b", 5, 300))).get();
    assertThat(async.describeDeliveryStream(b -> b.deliveryStreamName("async-life")).get()
        .deliveryStreamDescription().deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
    assertThat(async.listDeliveryStreams(b -> b.limit(10000)).get().deliveryStreamNames()).contains("async-life");
    async.deleteDeliveryStream(b -> b.deliveryStreamName("async-life")).get();
    assertError(error(() -> async.describeDeliveryStream(b -> b.deliveryStreamName("async-life")).join()),
        "ResourceNotFoundException", 400, null);
  }
}
