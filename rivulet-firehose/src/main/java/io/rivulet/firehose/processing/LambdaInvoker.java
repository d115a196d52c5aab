package io.rivulet.firehose.processing;

import io.rivulet.firehose.processing.LambdaWire.InvocationFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * One synchronous Invoke ({@code RequestResponse}) at a time through the AWS SDK's Lambda client,
 * pointed at the configured endpoint, with the SDK's own retries off (the processor retries, on
 * the delivery stream's sleeper). Maps every way an invocation can fail to Firehose's error code
 * for it. Not thread-safe (one processor, one thread); close it to release its connections.
 */
final class LambdaInvoker implements AutoCloseable {
  private final LambdaClient client;
  private final String functionName;

  LambdaInvoker(LambdaEndpoints.Target target, String region, ProcessorEnv env) {
    Duration timeout = env.invocationTimeout();
    this.functionName = target.functionName();
    this.client = LambdaClient.builder()
        .endpointOverride(target.endpoint())
        .region(Region.of(region))
        .credentialsProvider(credentials(env))
        .httpClient(Apache5HttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(timeout)
            .build())
        .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(timeout.plusSeconds(10)))
        .build();
  }

  private static AwsCredentialsProvider credentials(ProcessorEnv env) {
    if (env.accessKeyId() == null || env.secretAccessKey() == null) {
      return AnonymousCredentialsProvider.create();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(env.accessKeyId(), env.secretAccessKey()));
  }

  /** The function's response payload; InvocationFailure when the invocation failed. */
  byte[] invoke(byte[] request) throws InvocationFailure {
    InvokeResponse response;
    try {
      response = client.invoke(b -> b.functionName(functionName)
          .invocationType(InvocationType.REQUEST_RESPONSE)
          .payload(SdkBytes.fromByteArrayUnsafe(request)));
    } catch (LambdaException e) {
      throw serviceError(e);
    } catch (AbortedException e) {
      Thread.currentThread().interrupt();
      throw new InvocationFailure(ProcessingErrors.LAMBDA_SERVICE_UNAVAILABLE,
          "The Lambda invocation was interrupted", true);
    } catch (SdkClientException e) {
      throw new InvocationFailure(ProcessingErrors.LAMBDA_SERVICE_UNAVAILABLE,
          "The Lambda endpoint could not be reached: " + e.getMessage(), true);
    }
    byte[] payload = response.payload() == null ? new byte[0] : response.payload().asByteArray();
    if (response.functionError() != null) {
      String detail = new String(payload, StandardCharsets.UTF_8);
      throw new InvocationFailure(ProcessingErrors.LAMBDA_FUNCTION_ERROR,
          ProcessingErrors.LAMBDA_FUNCTION_ERROR_MESSAGE + " " + abbreviate(detail), true);
    }
    return payload;
  }

  /** An error the Lambda service (or the server standing in for it) answered with. */
  static InvocationFailure serviceError(LambdaException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    int status = e.statusCode();
    if ("TooManyRequestsException".equals(code) || status == 429) {
      return new InvocationFailure(ProcessingErrors.LAMBDA_INVOKE_LIMIT_EXCEEDED,
          message != null ? message : "Rate exceeded", true);
    }
    if ("ResourceNotFoundException".equals(code) || (code == null && status == 404)) {
      return new InvocationFailure(ProcessingErrors.LAMBDA_RESOURCE_NOT_FOUND,
          ProcessingErrors.LAMBDA_RESOURCE_NOT_FOUND_MESSAGE
              + (message != null ? " (" + message + ")" : ""), true);
    }
    if ((code != null && code.startsWith("AccessDenied")) || status == 403) {
      return new InvocationFailure(ProcessingErrors.LAMBDA_INVOKE_ACCESS_DENIED,
          ProcessingErrors.LAMBDA_INVOKE_ACCESS_DENIED_MESSAGE, true);
    }
    if (code == null || code.isEmpty()) {
      return new InvocationFailure(ProcessingErrors.LAMBDA_SERVICE_UNAVAILABLE,
          "The Lambda endpoint answered HTTP " + status, true);
    }
    return new InvocationFailure("Lambda." + code, message != null ? message : code, true);
  }

  private static String abbreviate(String s) {
    return s.length() <= 1024 ? s : s.substring(0, 1024) + "…";
  }

  @Override
  public void close() {
    client.close();
  }
}
