package io.rivulet.streams.api;

/**
 * The stream exists but has no such shard (never had, or retention expired the closed shard).
 */
public class ShardNotFoundException extends StreamsApiException {

  public ShardNotFoundException(String message) {
    super(message);
  }
}
