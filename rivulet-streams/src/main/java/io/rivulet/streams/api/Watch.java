package io.rivulet.streams.api;

/** A registration for wake-ups ({@link StreamsApi#watch}); closing it stops them. */
public interface Watch extends AutoCloseable {

  /** Stops the wake-ups; idempotent. */
  @Override
  void close();
}
