package io.rivulet.firehose;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/** Firehose's own wire errors, each name written once, with its HTTP status as AWS sends it. */
public enum FirehoseError implements ErrorCode {
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  RESOURCE_IN_USE("ResourceInUseException", 400),
  INVALID_ARGUMENT("InvalidArgumentException", 400),
  LIMIT_EXCEEDED("LimitExceededException", 400),
  CONCURRENT_MODIFICATION("ConcurrentModificationException", 400),
  INVALID_KMS_RESOURCE("InvalidKMSResourceException", 400),
  INVALID_SOURCE("InvalidSourceException", 400),
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 503);

  private final String type;
  private final int status;

  FirehoseError(String type, int status) {
    this.type = type;
    this.status = status;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public int status() {
    return status;
  }

  /** A new exception of this type with the message. */
  public AwsException with(String message) {
    return new AwsException(this, message);
  }
}
