package io.rivulet.firehose.s3;

import io.rivulet.protocol.ErrorCode;

/**
 * Firehose's {@code InvalidArgumentException} (400), the error configuration validation raises.
 * Stands in until the Firehose service's own error enum exists; then validation should use that.
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
}
