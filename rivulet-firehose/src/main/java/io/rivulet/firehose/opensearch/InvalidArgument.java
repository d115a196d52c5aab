package io.rivulet.firehose.opensearch;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/**
 * Firehose's InvalidArgumentException (400) for a configuration this destination refuses.
 * Stands in until the service's error enum (FirehoseError) is on main; then this becomes a call of
 * it. Immutable.
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

  static AwsException of(String message) {
    return new AwsException(INSTANCE, message);
  }
}
