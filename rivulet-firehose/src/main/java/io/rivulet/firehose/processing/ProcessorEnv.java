package io.rivulet.firehose.processing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the processors of one delivery stream need from it: where Lambda functions are invoked
 * ({@link LambdaEndpoints}), the credentials the Lambda client signs with (null: unsigned), the
 * delivery stream's ARN and region (sent to the function), the ARN of its Kinesis source stream
 * (null for DirectPut), the clock, a way to wait between retries that the delivery stream can
 * interrupt and tests control, and how long one invocation may take. Immutable.
 */
public record ProcessorEnv(LambdaEndpoints lambdaEndpoints, String accessKeyId,
    String secretAccessKey, String deliveryStreamArn, String region,
    String sourceKinesisStreamArn, Clock clock, Sleeper sleeper, Duration invocationTimeout) {

  /** Firehose gives a transformation function up to 5 minutes per invocation. */
  public static final Duration DEFAULT_INVOCATION_TIMEOUT = Duration.ofMinutes(5);

  /** Waits between retries; throws InterruptedException when the delivery stream stops. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public ProcessorEnv {
    Objects.requireNonNull(lambdaEndpoints, "lambdaEndpoints");
    Objects.requireNonNull(deliveryStreamArn, "deliveryStreamArn");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(invocationTimeout, "invocationTimeout");
  }

  /**
   * The usual environment: every Lambda function invoked at {@code lambdaEndpoint} (null: no
   * Lambda service, so Lambda processors fail their records with
   * {@code Lambda.ResourceNotFound}), unsigned requests, a DirectPut source, the default timeout.
   */
  public static ProcessorEnv of(URI lambdaEndpoint, String deliveryStreamArn, String region,
      Clock clock, Sleeper sleeper) {
    LambdaEndpoints endpoints =
        lambdaEndpoint == null ? LambdaEndpoints.none() : LambdaEndpoints.of(lambdaEndpoint);
    return new ProcessorEnv(endpoints, null, null, deliveryStreamArn, region, null, clock, sleeper,
        DEFAULT_INVOCATION_TIMEOUT);
  }

  public ProcessorEnv withLambdaEndpoints(LambdaEndpoints endpoints) {
    return new ProcessorEnv(endpoints, accessKeyId, secretAccessKey, deliveryStreamArn, region,
        sourceKinesisStreamArn, clock, sleeper, invocationTimeout);
  }

  public ProcessorEnv withCredentials(String keyId, String secretKey) {
    return new ProcessorEnv(lambdaEndpoints, keyId, secretKey, deliveryStreamArn, region,
        sourceKinesisStreamArn, clock, sleeper, invocationTimeout);
  }

  public ProcessorEnv withSourceKinesisStreamArn(String streamArn) {
    return new ProcessorEnv(lambdaEndpoints, accessKeyId, secretAccessKey, deliveryStreamArn,
        region, streamArn, clock, sleeper, invocationTimeout);
  }

  public ProcessorEnv withInvocationTimeout(Duration timeout) {
    return new ProcessorEnv(lambdaEndpoints, accessKeyId, secretAccessKey, deliveryStreamArn,
        region, sourceKinesisStreamArn, clock, sleeper, timeout);
  }
}
