package io.rivulet.video.ml;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/** The Rekognition errors the stream-processor API answers, each with its HTTP status. */
public enum RekognitionError implements ErrorCode {
  INVALID_PARAMETER("InvalidParameterException", 400),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  RESOURCE_IN_USE("ResourceInUseException", 400),
  LIMIT_EXCEEDED("LimitExceededException", 400),
  INVALID_PAGINATION_TOKEN("InvalidPaginationTokenException", 400),
  INTERNAL("InternalServerError", 500);

  private final String type;
  private final int status;

  RekognitionError(String type, int status) {
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
