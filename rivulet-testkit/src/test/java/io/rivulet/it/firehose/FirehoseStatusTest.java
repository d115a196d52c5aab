package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.assertError;
import static io.rivulet.it.firehose.FirehoseSdk.awaitStatus;
import static io.rivulet.it.firehose.FirehoseSdk.error;
import static io.rivulet.it.firehose.FirehoseSdk.s3;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;

/** CREATING, ACTIVE, DELETING and ENABLING/DISABLING with the server's delays, and what each allows. */
class FirehoseStatusTest {
  @RegisterExtension static RivuletExtension rivulet =
      new RivuletExtension(o -> o.withDelays(Duration.ofMillis(400), Duration.ofMillis(400)));

  static DeliveryStreamStatus status(FirehoseClient firehose, String name) {
    return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
        .deliveryStreamStatus();
  }

  static DeliveryStreamEncryptionStatus encryption(FirehoseClient firehose, String name) {
    return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
        .deliveryStreamEncryptionConfiguration().status();
  }

  @Test
  void creatingThenActiveThenDeletingThenGone() {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("slow")
        .extendedS3DestinationConfiguration(s3("b", 5, 300)));
    assertThat(status(firehose, "slow")).isEqualTo(DeliveryStreamStatus.CREATING);
    assertError(error(() -> firehose.putRecord(b -> b.deliveryStreamName("slow")
        .record(r -> r.data(SdkBytes.fromUtf8String("early"))))), "ResourceNotFoundException", 400, null);
    assertError(error(() -> firehose.deleteDeliveryStream(b -> b.deliveryStreamName("slow"))),
        "ResourceInUseException", 400,
        "Firehose slow under account 000000000000 is in CREATING state and cannot be deleted yet.");
    assertError(error(() -> firehose.updateDestination(b -> b.deliveryStreamName("slow")
        .currentDeliveryStreamVersionId("1").destinationId("destinationId-000000000001")
        .extendedS3DestinationUpdate(u -> u.prefix("p/")))), "ResourceInUseException", 400, null);
    awaitStatus(firehose, "slow", DeliveryStreamStatus.ACTIVE);
    firehose.putRecord(b -> b.deliveryStreamName("slow").record(r -> r.data(SdkBytes.fromUtf8String("now"))));

    firehose.deleteDeliveryStream(b -> b.deliveryStreamName("slow"));
    assertThat(status(firehose, "slow")).isEqualTo(DeliveryStreamStatus.DELETING);
    firehose.deleteDeliveryStream(b -> b.deliveryStreamName("slow")); // again: still DELETING
    assertError(error(() -> firehose.putRecord(b -> b.deliveryStreamName("slow")
        .record(r -> r.data(SdkBytes.fromUtf8String("late"))))), "ResourceNotFoundException", 400, null);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (firehose.listDeliveryStreams(b -> b.limit(10000)).deliveryStreamNames().contains("slow")) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      FirehoseSdk.sleep(10);
    }
    assertError(error(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("slow"))),
        "ResourceNotFoundException", 400, null);
  }

  @Test
  void encryptionGoesThroughEnablingAndDisabling() {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("sse-slow")
        .extendedS3DestinationConfiguration(s3("b", 5, 300)));
    awaitStatus(firehose, "sse-slow", DeliveryStreamStatus.ACTIVE);
    firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-slow"));
    assertThat(encryption(firehose, "sse-slow")).isEqualTo(DeliveryStreamEncryptionStatus.ENABLING);
    assertThat(firehose.putRecord(b -> b.deliveryStreamName("sse-slow")
        .record(r -> r.data(SdkBytes.fromUtf8String("x")))).encrypted()).as("not yet").isFalse();
    assertError(error(() -> firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-slow"))),
        "ResourceInUseException", 400, null);
    awaitEncryption(firehose, "sse-slow", DeliveryStreamEncryptionStatus.ENABLED);
    firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-slow"));
    assertThat(encryption(firehose, "sse-slow")).isEqualTo(DeliveryStreamEncryptionStatus.DISABLING);
    awaitEncryption(firehose, "sse-slow", DeliveryStreamEncryptionStatus.DISABLED);
  }

  @Test
  void encryptionRequestedAtCreationIsEnabledWhenTheStreamIsActive() {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("sse-born")
        .extendedS3DestinationConfiguration(s3("b", 5, 300))
        .deliveryStreamEncryptionConfigurationInput(c -> c.keyType("AWS_OWNED_CMK")));
    assertThat(encryption(firehose, "sse-born")).isEqualTo(DeliveryStreamEncryptionStatus.ENABLING);
    awaitStatus(firehose, "sse-born", DeliveryStreamStatus.ACTIVE);
    assertThat(encryption(firehose, "sse-born")).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);
  }

  static void awaitEncryption(FirehoseClient firehose, String name, DeliveryStreamEncryptionStatus s) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (encryption(firehose, name) != s) {
      assertThat(System.nanoTime()).as("encryption of %s did not become %s", name, s).isLessThan(deadline);
      FirehoseSdk.sleep(10);
    }
  }
}
