package io.rivulet.firehose.pipeline;

import java.util.List;

/**
 * One delivery: the records of the delivery stream's durable buffer from {@code firstOffset} to
 * {@code lastOffset} (inclusive), after processing. The range names what is delivered, so a
 * delivery repeated after a crash names the same S3 objects and document ids (idempotent).
 */
public record DeliveryBatch(String deliveryStreamName, String deliveryStreamArn, long firstOffset,
    long lastOffset, List<FirehoseRecord> records) {

  public DeliveryBatch {
    records = List.copyOf(records);
  }

  /** The same range with other records (after processing, say). */
  public DeliveryBatch withRecords(List<FirehoseRecord> newRecords) {
    return new DeliveryBatch(deliveryStreamName, deliveryStreamArn, firstOffset, lastOffset,
        newRecords);
  }

  /** Arrival time of the oldest record, or -1 when empty. */
  public long oldestArrivalMillis() {
    long oldest = -1;
    for (FirehoseRecord r : records) {
      oldest = oldest < 0 ? r.arrivalMillis() : Math.min(oldest, r.arrivalMillis());
    }
    return oldest;
  }
}
