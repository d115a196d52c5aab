package io.rivulet.it.firehose;

import io.rivulet.firehose.engine.DeliveryStreamKey;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.firehose.s3.S3Clients;
import io.rivulet.it.Sdk;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CreateDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Small helpers over the SDK's FirehoseClient shared by the Firehose integration tests. */
final class FirehoseSdk {
  static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
  /** How long a test waits for an outcome (wall time) before it fails. */
  static final Duration PATIENCE = Duration.ofSeconds(30);
  /**
   * A key the embedded s3proxy's filesystem store lists while it writes an object: it writes to
   * {@code <key>-<uuid>} and renames, so such a key is a Firehose name (ending in a uuid) followed
   * by another uuid.
   */
  private static final Pattern IN_PROGRESS =
      Pattern.compile("(-\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}){2}$");

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

  /** A client of the server's embedded S3 API (the server must run with it). */
  static S3Client embeddedS3(RivuletExtension rivulet) {
    return S3Clients.create(rivulet.server().s3Endpoint(), "us-east-1", "local", "local");
  }

  /** The objects under a prefix, leaving out objects the embedded s3proxy is still writing. */
  static List<S3Object> objects(S3Client s3, String bucket, String prefix) {
    return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .filter(o -> !IN_PROGRESS.matcher(o.key()).find()).toList();
  }

  /** Waits (wall time, bounded) until at least {@code count} objects are under the prefix. */
  static List<S3Object> awaitObjects(S3Client s3, String bucket, String prefix, int count) {
    await(() -> objects(s3, bucket, prefix).size() >= count,
        count + " objects under s3://" + bucket + "/" + prefix);
    return objects(s3, bucket, prefix);
  }

  /** An object's bytes as UTF-8 text. */
  static String text(S3Client s3, String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  /** Polls {@code done} every 20 ms until it holds; fails after {@link #PATIENCE}. */
  static void await(BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
      }
      sleep(20);
    }
  }

  /**
   * Moves the server's clock {@code step} on every 20 ms until {@code done} holds, for outcomes
   * behind waits on that clock (retries with back-off, acknowledgement polls); fails after
   * {@link #PATIENCE} of wall time.
   */
  static void awaitAdvancing(TestClock clock, Duration step, BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + PATIENCE.toSeconds() + " s (the clock moving "
            + step + " a step) for " + what);
      }
      clock.advance(step);
      sleep(20);
    }
  }

  /** The engine's view of a delivery stream of the default account and region. */
  static FirehoseEngine.View view(RivuletExtension rivulet, String name) {
    DeliveryStreamKey key = new DeliveryStreamKey("000000000000", "us-east-1", name);
    return rivulet.server().firehose().engine().views().stream()
        .filter(v -> v.meta().key().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no delivery stream " + name));
  }

  /** Records {@code name} delivered to {@code destination} ("S3", "Redshift", "Splunk", ...). */
  static long deliveredRecords(RivuletExtension rivulet, String name, String destination) {
    return view(rivulet, name).stats().destination(destination).records.sum();
  }

  /** Records {@code name} sent to the error output after {@code destination} refused them. */
  static long failedRecords(RivuletExtension rivulet, String name, String destination) {
    return view(rivulet, name).stats().destination(destination).failedRecords.sum();
  }

  /** A processor of a ProcessingConfiguration, its parameters given as name, value, name, ... */
  static Processor processor(String type, String... parameters) {
    Processor.Builder b = Processor.builder().type(type);
    List<ProcessorParameter> list = new ArrayList<>();
    for (int i = 0; i < parameters.length; i += 2) {
      list.add(ProcessorParameter.builder().parameterName(parameters[i])
          .parameterValue(parameters[i + 1]).build());
    }
    return b.parameters(list).build();
  }

  static void sleep(long millis) {
    Sdk.sleep(millis);
  }
}
