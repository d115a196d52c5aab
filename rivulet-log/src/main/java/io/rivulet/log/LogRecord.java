package io.rivulet.log;

/**
 * A record to append: an arrival timestamp (epoch milliseconds), a key and a value. {@code
 * attributes} is free for the caller (e.g. flags for compression or encryption of the value).
 */
public record LogRecord(long timestamp, byte[] key, byte[] value, int attributes) {
  public LogRecord(long timestamp, byte[] key, byte[] value) {
    this(timestamp, key, value, 0);
  }
}
