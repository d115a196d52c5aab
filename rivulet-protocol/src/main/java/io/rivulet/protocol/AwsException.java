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

  /**
   * Members the error body carries besides {@code __type} and the message, by wire name (e.g.
   * DynamoDB's {@code Item} on {@code ConditionalCheckFailedException}); values are written as
   * output values are. None by default.
   */
  public java.util.Map<String, Object> extraMembers() {
    return java.util.Map.of();
  }
}
