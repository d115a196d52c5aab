package io.rivulet.protocol;

/**
 * The one exception type that becomes an AWS error response: an {@link ErrorCode} and a message
 * (null for errors AWS sends without one).
 */
public class AwsException extends RuntimeException {
  private final transient ErrorCode code;

  public AwsException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
