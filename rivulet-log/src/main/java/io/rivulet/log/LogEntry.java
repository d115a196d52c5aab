package io.rivulet.log;

/** A record read back from a log, with its offset. */
public record LogEntry(long offset, long timestamp, byte[] key, byte[] value, int attributes) {}
