package io.rivulet.firehose.engine;

import io.rivulet.firehose.pipeline.BufferWriter;

/**
 * Starts the reader of a KinesisStreamAsSource delivery stream: it reads the data stream named in
 * the delivery stream's KinesisStreamSourceConfiguration and appends its records into the
 * delivery stream's buffer. Implementations are thread-safe.
 */
@FunctionalInterface
public interface SourceFactory {

  /** Starts reading; the returned handle stops the reader when closed. */
  AutoCloseable start(DeliveryStreamMeta meta, BufferWriter buffer);

  /** No reader: records must arrive some other way. */
  static SourceFactory none() {
    return (meta, buffer) -> () -> {};
  }
}
