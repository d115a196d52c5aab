package io.rivulet.firehose.pipeline;

/**
 * Writes batches to one destination (S3, Redshift, OpenSearch, HTTP endpoint, Splunk) through its
 * real protocol. Called from the delivery stream's one delivery thread. A writer retries inside
 * its RetryDuration with back-off (waiting through {@link DeliveryContext#sleep}), writes what it
 * finally could not deliver to the S3 error/backup output, and never drops data silently.
 */
public interface DestinationWriter extends AutoCloseable {

  /**
   * Delivers one batch; repeating the same batch (same range) must not duplicate in S3 (same
   * object keys) and should not duplicate elsewhere where the destination allows (document ids).
   * Returns normally once every record is either delivered or written to the error output.
   * Throws only when even the error output could not be written; the engine then retries the whole
   * batch later and does not advance past it.
   */
  void deliver(DeliveryBatch batch) throws DeliveryException, InterruptedException;

  /** Stops any threads or connections of this writer. */
  @Override
  void close();
}
