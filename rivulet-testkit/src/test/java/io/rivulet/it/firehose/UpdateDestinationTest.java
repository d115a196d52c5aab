package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static io.rivulet.it.firehose.FirehoseSdk.assertError;
import static io.rivulet.it.firehose.FirehoseSdk.createS3;
import static io.rivulet.it.firehose.FirehoseSdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceDestinationUpdate;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationUpdate;
import software.amazon.awssdk.services.firehose.model.HttpEndpointConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationUpdate;
import software.amazon.awssdk.services.firehose.model.S3DestinationUpdate;

/**
 * UpdateDestination: VersionId checks (ConcurrentModificationException), merging into a
 * destination of the same type, replacing one of another type, and the errors.
 */
class UpdateDestinationTest {
  static final String DEST = "destinationId-000000000001";

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static DeliveryStreamDescription describe(FirehoseClient firehose, String name) {
    return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
  }

  @Test
  @SuppressWarnings("deprecation") // S3DestinationUpdate, still accepted by AWS
  void anUpdateOfTheSameTypeMergesAndBumpsTheVersion() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "merge", "first");
    Instant before = Instant.now().minusSeconds(1);
    firehose.updateDestination(b -> b.deliveryStreamName("merge").currentDeliveryStreamVersionId("1")
        .destinationId(DEST).extendedS3DestinationUpdate(ExtendedS3DestinationUpdate.builder()
            .prefix("new/").bufferingHints(BufferingHints.builder().intervalInSeconds(60).build())
            .build()));
    DeliveryStreamDescription d = describe(firehose, "merge");
    assertThat(d.versionId()).isEqualTo("2");
    assertThat(d.lastUpdateTimestamp()).isAfter(before);
    var x = d.destinations().get(0).extendedS3DestinationDescription();
    assertThat(x.bucketARN()).as("kept").isEqualTo("arn:aws:s3:::first");
    assertThat(x.prefix()).isEqualTo("new/");
    assertThat(x.bufferingHints().intervalInSeconds()).isEqualTo(60);
    assertThat(x.bufferingHints().sizeInMBs()).as("kept").isEqualTo(5);

    firehose.updateDestination(b -> b.deliveryStreamName("merge").currentDeliveryStreamVersionId("2")
        .destinationId(DEST).s3DestinationUpdate(S3DestinationUpdate.builder()
            .compressionFormat(CompressionFormat.GZIP).build()));
    d = describe(firehose, "merge");
    assertThat(d.versionId()).isEqualTo("3");
    assertThat(d.destinations().get(0).extendedS3DestinationDescription().compressionFormat())
        .as("an S3 update merges into the ExtendedS3 destination").isEqualTo(CompressionFormat.GZIP);
    assertThat(d.destinations().get(0).extendedS3DestinationDescription().prefix()).isEqualTo("new/");
  }

  @Test
  void aStaleVersionIsAConcurrentModification() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "stale", "b");
    firehose.updateDestination(b -> b.deliveryStreamName("stale").currentDeliveryStreamVersionId("1")
        .destinationId(DEST).extendedS3DestinationUpdate(u -> u.prefix("a/")));
    assertError(error(() -> firehose.updateDestination(b -> b.deliveryStreamName("stale")
        .currentDeliveryStreamVersionId("1").destinationId(DEST)
        .extendedS3DestinationUpdate(u -> u.prefix("b/")))), "ConcurrentModificationException", 400,
        "Cannot update firehose: stale since the current version id: 2 and specified version id: 1"
            + " do not match");
    assertThat(describe(firehose, "stale").destinations().get(0).extendedS3DestinationDescription()
        .prefix()).isEqualTo("a/");
  }

  @Test
  void anotherTypeReplacesTheDestinationAndMustBeComplete() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "switch", "b");
    assertError(error(() -> firehose.updateDestination(b -> b.deliveryStreamName("switch")
        .currentDeliveryStreamVersionId("1").destinationId(DEST)
        .httpEndpointDestinationUpdate(HttpEndpointDestinationUpdate.builder()
            .endpointConfiguration(HttpEndpointConfiguration.builder().url("https://example.com").build())
            .build()))), "InvalidArgumentException", 400,
        "Changing the destination type to HttpEndpoint requires a complete configuration:"
            + " S3Configuration is missing.");
    firehose.updateDestination(b -> b.deliveryStreamName("switch").currentDeliveryStreamVersionId("1")
        .destinationId(DEST).httpEndpointDestinationUpdate(HttpEndpointDestinationUpdate.builder()
            .endpointConfiguration(HttpEndpointConfiguration.builder().url("https://example.com").build())
            .s3Update(S3DestinationUpdate.builder().bucketARN("arn:aws:s3:::backup").roleARN(ROLE).build())
            .build()));
    DeliveryStreamDescription d = describe(firehose, "switch");
    assertThat(d.versionId()).isEqualTo("2");
    assertThat(d.destinations().get(0).extendedS3DestinationDescription()).isNull();
    assertThat(d.destinations().get(0).httpEndpointDestinationDescription().endpointConfiguration().url())
        .isEqualTo("https://example.com");
    assertThat(d.destinations().get(0).httpEndpointDestinationDescription().s3DestinationDescription()
        .bucketARN()).isEqualTo("arn:aws:s3:::backup");
  }

  @Test
  void errors() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "update-errors", "b");
    assertError(error(() -> firehose.updateDestination(b -> b.deliveryStreamName("update-errors")
        .currentDeliveryStreamVersionId("1").destinationId("destinationId-000000000002")
        .extendedS3DestinationUpdate(u -> u.prefix("x/")))), "InvalidArgumentException", 400,
        "Destination Id destinationId-000000000002 not found.");
    assertError(error(() -> firehose.updateDestination(b -> b.deliveryStreamName("update-errors")
        .currentDeliveryStreamVersionId("1").destinationId(DEST))), "InvalidArgumentException", 400,
        "Exactly one destination update must be specified.");
    assertError(error(() -> firehose.updateDestination(b -> b.deliveryStreamName("update-errors")
        .currentDeliveryStreamVersionId("1").destinationId(DEST)
        .amazonopensearchserviceDestinationUpdate(AmazonopensearchserviceDestinationUpdate.builder()
            .indexName("i").clusterEndpoint("https://localhost:9200").roleARN(ROLE).build()))),
        "InvalidArgumentException", 400,
        "Changing the destination type to or from Amazonopensearchservice is not supported at this time.");
    assertError(error(() -> firehose.updateDestination(b -> b.deliveryStreamName("absent")
        .currentDeliveryStreamVersionId("1").destinationId(DEST)
        .extendedS3DestinationUpdate(u -> u.prefix("x/")))), "ResourceNotFoundException", 400,
        "Firehose absent under account 000000000000 not found.");
    assertError(error(() -> firehose.updateDestination(b -> b.deliveryStreamName("update-errors")
        .currentDeliveryStreamVersionId("v1").destinationId(DEST)
        .extendedS3DestinationUpdate(u -> u.prefix("x/")))), "ValidationException", 400, null);
    assertThat(describe(firehose, "update-errors").versionId()).isEqualTo("1");
  }

  @Test
  void asyncClientUpdates() throws Exception {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "async-update", "b");
    rivulet.firehoseAsync().updateDestination(b -> b.deliveryStreamName("async-update")
        .currentDeliveryStreamVersionId("1").destinationId(DEST)
        .extendedS3DestinationUpdate(u -> u.s3BackupMode("Enabled")
            .s3BackupUpdate(S3DestinationUpdate.builder().bucketARN("arn:aws:s3:::src-backup").build())))
        .get();
    var x = describe(firehose, "async-update").destinations().get(0).extendedS3DestinationDescription();
    assertThat(x.s3BackupModeAsString()).isEqualTo("Enabled");
    assertThat(x.s3BackupDescription().bucketARN()).isEqualTo("arn:aws:s3:::src-backup");
  }
}
