package io.rivulet.firehose.format;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/**
 * The Firehose wire error this package raises when a configuration is refused. A stand-in until
 * the service's own error enum (core's {@code FirehoseError}) is on main; it then replaces this.
 * Immutable.
 */
enum FormatError implements ErrorCode {
  INVALID_ARGUMENT("InvalidArgumentException", 400);

  private final String type;
  private final int status;

  FormatError(String type, int status) {
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

  AwsException with(String message) {
    return new AwsException(this, message);
  }
}
