package io.rivulet.streams.api;

/**
 * A malformed call: a sequence number of another shard or stream, a timestamp in the future, a
 * record or batch over the limits, a malformed ARN. The message is the one the Kinesis API gives
 * for the same mistake where there is one.
 */
public class InvalidArgumentException extends StreamsApiException {

  public InvalidArgumentException(String message) {
    super(message);
  }
}
