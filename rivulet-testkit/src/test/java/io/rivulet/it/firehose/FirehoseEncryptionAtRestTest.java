package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.assertError;
import static io.rivulet.it.firehose.FirehoseSdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.it.Sdk;
import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.InvalidKmsResourceException;
import software.amazon.awssdk.services.firehose.model.KeyType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose server-side encryption through the SDK: the delivery stream's durable buffer holds no
 * record in plaintext while encryption is on (a marker is searched for in its files), under a
 * customer managed key of the key store (rotated in between) or the Rivulet-owned key behind
 * AWS_OWNED_CMK, and every record is still delivered to S3, also after a restart; unknown and
 * disabled keys are InvalidKMSResourceException.
 */
class FirehoseEncryptionAtRestTest {
  static final TestClock clock = new TestClock(Instant.parse("2026-05-06T07:08:09Z").toEpochMilli());

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock)
      .withS3(new RivuletServer.Options.S3(0, null)));

  static Record record(String s) {
    return Record.builder().data(SdkBytes.fromUtf8String(s)).build();
  }

  /** Every file of a delivery stream's buffer, as ISO-8859-1 text. */
  static String bufferFiles(String name) {
    Path region = rivulet.dataDir().resolve("firehose/logs/000000000000/us-east-1");
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(region)) {
      for (Path p : files.filter(Files::isRegularFile)
          .filter(p -> region.relativize(p).getName(0).toString().startsWith(name + "-")).toList()) {
        all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(all).as("buffer files of " + name).isNotEmpty();
    return all.toString();
  }

  /** Moves the clock past the 60 s interval and returns what arrived in the bucket, as text. */
  static String delivered(String bucket) {
    clock.advance(Duration.ofSeconds(61));
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      StringBuilder all = new StringBuilder();
      for (S3Object o : FirehoseSdk.awaitObjects(s3, bucket, "", 1)) {
        all.append(FirehoseSdk.text(s3, bucket, o.key()));
      }
      return all.toString();
    }
  }

  @Test
  void aCustomerManagedKeyEncryptsTheBufferAcrossARotationAndARestartAndAllIsDelivered() {
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("sse-cmk-out"));
      s3.createBucket(b -> b.bucket("sse-plain-out"));
    }
    KmsClient kms = rivulet.kms();
    String keyArn = kms.createKey(b -> b.description("firehose buffer")).keyMetadata().arn();
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("sse-cmk")
        .extendedS3DestinationConfiguration(FirehoseSdk.s3("sse-cmk-out", 1, 60))
        .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK)
            .keyARN(keyArn)));
    firehose.createDeliveryStream(b -> b.deliveryStreamName("sse-plain")
        .extendedS3DestinationConfiguration(FirehoseSdk.s3("sse-plain-out", 1, 60)));
    String first = "MARKER-" + UUID.randomUUID();
    String second = "MARKER-" + UUID.randomUUID();
    String plain = "PLAIN-" + UUID.randomUUID();
    assertThat(firehose.putRecord(b -> b.deliveryStreamName("sse-cmk").record(record(first + "\n")))
        .encrypted()).isTrue();
    kms.rotateKeyOnDemand(b -> b.keyId(keyArn));
    assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("sse-cmk")
        .records(record(second + "\n"))).encrypted()).isTrue();
    assertThat(firehose.putRecord(b -> b.deliveryStreamName("sse-plain").record(record(plain + "\n")))
        .encrypted()).isFalse();

    assertThat(bufferFiles("sse-cmk")).doesNotContain(first, second);
    assertThat(bufferFiles("sse-plain")).as("the control: a plaintext buffer shows its marker")
        .contains(plain);

    rivulet.restart();
    assertThat(delivered("sse-cmk-out")).isEqualTo(first + "\n" + second + "\n");
    assertThat(delivered("sse-plain-out")).isEqualTo(plain + "\n");
    assertThat(Sdk.metrics(rivulet.endpoint())).contains("rivulet_firehose_decryption_failures_total{"
        + "account=\"000000000000\",delivery_stream=\"sse-cmk\",region=\"us-east-1\"} 0.0");
  }

  @Test
  void theOwnedKeyEncryptsWhileOnAndRecordsFromBeforeDuringAndAfterAreDelivered() {
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("sse-owned-out"));
    }
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("sse-owned")
        .extendedS3DestinationConfiguration(FirehoseSdk.s3("sse-owned-out", 1, 60)));
    String before = "BEFORE-" + UUID.randomUUID();
    String during = "DURING-" + UUID.randomUUID();
    String after = "AFTER-" + UUID.randomUUID();
    firehose.putRecord(b -> b.deliveryStreamName("sse-owned").record(record(before + "\n")));
    firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-owned"));
    assertThat(firehose.putRecord(b -> b.deliveryStreamName("sse-owned").record(record(during + "\n")))
        .encrypted()).isTrue();
    firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-owned"));
    firehose.putRecord(b -> b.deliveryStreamName("sse-owned").record(record(after + "\n")));
    assertThat(bufferFiles("sse-owned")).contains(before, after).doesNotContain(during);
    assertThat(delivered("sse-owned-out")).isEqualTo(before + "\n" + during + "\n" + after + "\n");
    assertThat(rivulet.kms().listKeys(b -> { }).keys()).as("the owned key is not the account's")
        .noneMatch(k -> rivulet.server().kms().store().byId(k.keyId()).owner() != null);
  }

  @Test
  void unknownAndDisabledKeysAreInvalidKmsResource() {
    FirehoseClient firehose = rivulet.firehose();
    String unknown = "arn:aws:kms:us-east-1:000000000000:key/12345678-1234-1234-1234-123456789012";
    InvalidKmsResourceException atCreate = (InvalidKmsResourceException) error(() ->
        firehose.createDeliveryStream(b -> b.deliveryStreamName("sse-unknown")
            .extendedS3DestinationConfiguration(FirehoseSdk.s3("b", 1, 60))
            .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK)
                .keyARN(unknown))));
    assertError(atCreate, "InvalidKMSResourceException", 400, "Key '" + unknown + "' does not exist");
    assertThat(atCreate.code()).isEqualTo("KMS.NotFoundException");
    assertThat(error(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName("sse-unknown")))
        .awsErrorDetails().errorCode()).as("nothing was created").isEqualTo("ResourceNotFoundException");

    FirehoseSdk.createS3(firehose, "sse-disabled", "b");
    assertError(error(() -> firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-disabled")
        .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK)
            .keyARN(unknown)))), "InvalidKMSResourceException", 400, null);
    String keyArn = rivulet.kms().createKey(b -> { }).keyMetadata().arn();
    firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-disabled")
        .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK)
            .keyARN(keyArn)));
    rivulet.kms().disableKey(b -> b.keyId(keyArn));
    InvalidKmsResourceException atPut = (InvalidKmsResourceException) error(() ->
        firehose.putRecord(b -> b.deliveryStreamName("sse-disabled").record(record("x"))));
    assertError(atPut, "InvalidKMSResourceException", 400, keyArn + " is disabled.");
    assertThat(atPut.code()).isEqualTo("KMS.DisabledException");
    rivulet.kms().enableKey(b -> b.keyId(keyArn));
    assertThat(firehose.putRecord(b -> b.deliveryStreamName("sse-disabled").record(record("y")))
        .encrypted()).isTrue();
  }
}
