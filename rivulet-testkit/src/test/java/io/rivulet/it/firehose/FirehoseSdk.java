package io.rivulet.it.firehose;

import io.rivulet.it.Sdk;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;

/** Small helpers over the SDK's FirehoseClient shared by the Firehose integration tests. */
final class FirehoseSdk {
  static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

  private FirehoseSdk() {}

  /** The AWS error a call fails with (it must fail with an AWS service exception). */
  static AwsServiceException error(ThrowingCallable call) {
    return Sdk.error(call);
  }

  /** Asserts the error's code (the wire __type), HTTP status and, unless null, exact message. */
  static void assertError(AwsServiceException e, String code, int status, String message) {
    Sdk.assertError(e, code, status, message);
  }

  /** An ExtendedS3 destination into {@code bucket} with the given hints. */
  static ExtendedS3DestinationConfiguration s3(String bucket, int sizeMb, int intervalSeconds) {
    return ExtendedS3DestinationConfiguration.builder()
        .bucketARN("arn:aws:s3:::" + bucket).roleARN(ROLE)
        .bufferingHints(BufferingHints.builder().sizeInMBs(sizeMb)
            .intervalInSeconds(intervalSeconds).build())
        .build();
  }

  /** Creates a DirectPut delivery stream to S3 and waits until it is ACTIVE. */
  static String createS3(FirehoseClient firehose, String name, String bucket) {
    String arn = firehose.createDeliveryStream(CreateDeliveryStreamRequest.builder()
        .deliveryStreamName(name).extendedS3DestinationConfiguration(s3(bucket, 5, 300)).build())
        .deliveryStreamARN();
    awaitStatus(firehose, name, DeliveryStreamStatus.ACTIVE);
    return arn;
  }

  /** A data stream of one shard (created on first use) to read from: its ARN. */
  static String dataStream(io.rivulet.testkit.RivuletExtension rivulet, String name) {
    var kinesis = rivulet.sync(io.rivulet.testkit.WireMode.JSON);
    try {
      kinesis.createStream(b -> b.streamName(name).shardCount(1));
    } catch (software.amazon.awssdk.services.kinesis.model.ResourceInUseException e) {
      // created by an earlier test of the class
    }
    return kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamARN();
  }

  static void awaitStatus(FirehoseClient firehose, String name, DeliveryStreamStatus status) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (firehose.describeDeliveryStream(b -> b.deliveryStreamName(name))
        .deliveryStreamDescription().deliveryStreamStatus() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("delivery stream " + name + " did not become " + status);
      }
      sleep(10);
    }
  }

  static void sleep(long millis) {
    Sdk.sleep(millis);
  }
}
