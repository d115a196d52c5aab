package io.rivulet.firehose.processing;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/**
 * Firehose's {@code InvalidArgumentException} (HTTP 400), the error a ProcessingConfiguration that
 * the model accepts but Firehose does not is rejected with. Kept here until the service's own
 * error enum is on main; then this becomes a reference to it. Immutable.
 */
enum InvalidArgument implements ErrorCode {
  INSTANCE;

  @Override
  public String type() {
    return "InvalidArgumentException";
  }

  @Override
  public int status() {
    return 400;
  }

  static AwsException with(String message) {
    return new AwsException(INSTANCE, message);
  }
}
