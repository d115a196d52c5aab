package io.rivulet.streams;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/** Kinesis Data Streams' own wire errors, each name written once, with its HTTP status. */
public enum KinesisError implements ErrorCode {
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  RESOURCE_IN_USE("ResourceInUseException", 400),
  INVALID_ARGUMENT("InvalidArgumentException", 400),
  LIMIT_EXCEEDED("LimitExceededException", 400),
  EXPIRED_ITERATOR("ExpiredIteratorException", 400),
  EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400),
  PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
  ACCESS_DENIED("AccessDeniedException", 400),
  KMS_NOT_FOUND("KMSNotFoundException", 400),
  KMS_DISABLED("KMSDisabledException", 400),
  KMS_INVALID_STATE("KMSInvalidStateException", 400),
  INTERNAL_FAILURE("InternalFailure", 500);

  private final String type;
  private final int status;

  KinesisError(String type, int status) {
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
