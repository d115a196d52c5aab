package io.rivulet.firehose.http;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/**
 * The Firehose wire error the HTTP endpoint and Splunk destinations raise when their
 * configuration is refused. A stand-in until the service's own {@code FirehoseError} enum lands;
 * the type name and status are Firehose's.
 */
public enum DestinationConfigError implements ErrorCode {
  INVALID_ARGUMENT("InvalidArgumentException", 400);

  private final String type;
  private final int status;

  DestinationConfigError(String type, int status) {
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
