package io.rivulet.streams.api;

/** The stream is still {@code CREATING}: records can be read and appended once it is ACTIVE. */
public class StreamNotActiveException extends StreamsApiException {

  public StreamNotActiveException(String message) {
    super(message);
  }
}
