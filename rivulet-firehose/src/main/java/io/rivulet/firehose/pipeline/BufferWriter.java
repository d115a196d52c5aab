package io.rivulet.firehose.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Appends records to a delivery stream's durable buffer (its own rivulet-log). Thread-safe.
 */
public interface BufferWriter {

  /**
   * Appends records that arrived at {@code arrivalMillis}; the future completes with the buffer
   * offset of the first one once all are durable by the server's fsync policy (the point at which
   * a PutRecord is acknowledged), or exceptionally when they were not written.
   */
  CompletableFuture<Long> append(List<byte[]> records, long arrivalMillis);

  /**
   * Appends records read from a Kinesis data stream (KinesisStreamAsSource), {@code
   * metadata.get(i)} telling where {@code records.get(i)} came from, as {@link #append(List,
   * long)} does. A buffer that keeps the metadata (e.g. {@link KinesisRecordMetadata#encode()} as
   * the log record's key) can hand it to processors as {@link FirehoseRecord#kinesisRecordMetadata()};
   * by default it is dropped and only the data appended.
   */
  default CompletableFuture<Long> append(List<byte[]> records,
      List<KinesisRecordMetadata> metadata, long arrivalMillis) {
    return append(records, arrivalMillis);
  }
}
