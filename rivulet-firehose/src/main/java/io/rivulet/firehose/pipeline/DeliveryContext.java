package io.rivulet.firehose.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What a destination writer gets from its delivery stream: the injected clock, a way to wait that
 * tests control, the S3 backup/error output and the metrics. Thread-safe.
 */
public interface DeliveryContext {

  Clock clock();

  /** Waits between retries; interrupted when the delivery stream stops. */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Writes records that could not be delivered (or processed, or converted) to the S3 error
   * output, one JSON line each in Firehose's format for that failure ({@code lines}, already
   * formatted by the caller), under the error output prefix for {@code outputType} (Firehose's
   * {@code !{firehose:error-output-type}}: {@code processing-failed},
   * {@code http-endpoint-failed}, {@code splunk-failed}, {@code opensearch-failed},
   * {@code elasticsearch-failed}, {@code format-conversion-failed}, ...). The object key derives
   * from the batch's range and {@code outputType}, so a repeat overwrites rather than duplicates.
   */
  void writeErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines)
      throws DeliveryException;

  /**
   * Writes source records to the S3 backup (S3BackupMode AllData/AllDocuments/AllEvents), as the
   * delivery stream's S3 backup configuration says (prefix, compression). Idempotent per range.
   */
  void writeBackup(DeliveryBatch batch) throws DeliveryException;

  /** Counts for {@code /metrics} (destination: "S3", "Redshift", "AmazonOpenSearchService", ...). */
  void delivered(String destination, int records, long bytes, long oldestArrivalMillis);

  void failed(String destination, int records);
}
