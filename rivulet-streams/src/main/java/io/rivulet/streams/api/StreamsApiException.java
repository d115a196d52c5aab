package io.rivulet.streams.api;

/**
 * A Data Streams call made through {@link StreamsApi} failed. Subclasses say why; this class
 * itself means an internal failure (a storage error, say) that a retry may get past.
 */
public class StreamsApiException extends RuntimeException {

  public StreamsApiException(String message) {
    super(message);
  }

  public StreamsApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
