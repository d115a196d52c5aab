package io.rivulet.firehose.engine;

import io.rivulet.firehose.pipeline.BufferWriter;
import java.util.Map;

/**
 * Starts the reader of a KinesisStreamAsSource delivery stream: it reads the data stream named in
 * the delivery stream's KinesisStreamSourceConfiguration and appends its records into the
 * delivery stream's buffer. Implementations are thread-safe.
 */
public interface SourceFactory {

  /** A running reader: what it has read so far; closing it stops it. */
  interface Reader extends AutoCloseable {
    /** Records and bytes read, how far behind the newest record, and a failure (else null). */
    record Stats(long recordsRead, long bytesRead, long millisBehindLatest, String error) {}

    Stats stats();

    @Override
    void close();
  }

  /** Checks a KinesisStreamSourceConfiguration at CreateDeliveryStream (throws AwsException). */
  void validate(Map<String, Object> kinesisStreamSourceConfiguration);

  /** Starts reading into {@code buffer}. */
  Reader start(DeliveryStreamMeta meta, BufferWriter buffer);

  /** Forgets what a deleted delivery stream's reader kept (its positions). */
  void delete(DeliveryStreamMeta meta);

  /** No reader: records must arrive some other way. */
  static SourceFactory none() {
    return new SourceFactory() {
      @Override
      public void validate(Map<String, Object> config) {}

      @Override
      public Reader start(DeliveryStreamMeta meta, BufferWriter buffer) {
        return new Reader() {
          @Override
          public Stats stats() {
            return new Stats(0, 0, 0, "no Kinesis stream reader in this server");
          }

          @Override
          public void close() {}
        };
      }

      @Override
      public void delete(DeliveryStreamMeta meta) {}
    };
  }
}
