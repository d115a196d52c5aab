package io.rivulet.firehose.pipeline;

/**
 * A delivery or processing attempt failed with a Firehose error code (as reported in error
 * output and DescribeDeliveryStream's FailureDescription, e.g. {@code Lambda.FunctionError},
 * {@code HttpEndpoint.ResponseErrorCode}); {@code retryable} says whether another attempt may
 * succeed.
 */
public final class DeliveryException extends Exception {
  private final String errorCode;
  private final boolean retryable;

  public DeliveryException(String errorCode, String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
    this.retryable = retryable;
  }

  public DeliveryException(String errorCode, String message, boolean retryable) {
    this(errorCode, message, retryable, null);
  }

  public String errorCode() {
    return errorCode;
  }

  public boolean retryable() {
    return retryable;
  }
}
