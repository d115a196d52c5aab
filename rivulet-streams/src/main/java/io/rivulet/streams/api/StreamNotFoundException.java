package io.rivulet.streams.api;

/**
 * The stream does not exist, is being deleted, or is another incarnation than the {@link
 * StreamId} named (it was deleted and created again). Retrying does not help.
 */
public class StreamNotFoundException extends StreamsApiException {

  public StreamNotFoundException(String message) {
    super(message);
  }
}
