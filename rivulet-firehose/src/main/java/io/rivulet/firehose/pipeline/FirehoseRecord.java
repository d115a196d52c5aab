package io.rivulet.firehose.pipeline;

import java.util.Map;

/**
 * One record moving through a delivery: its Firehose record id (stable for the buffered position,
 * so a redelivery after a crash carries the same ids), when it arrived, its bytes, and the
 * partition keys found for it by dynamic partitioning (empty when none). Immutable.
 */
public record FirehoseRecord(String recordId, long arrivalMillis, byte[] data,
    Map<String, String> partitionKeys) {

  public FirehoseRecord {
    partitionKeys = Map.copyOf(partitionKeys);
  }

  public FirehoseRecord(String recordId, long arrivalMillis, byte[] data) {
    this(recordId, arrivalMillis, data, Map.of());
  }

  public FirehoseRecord withData(byte[] newData) {
    return new FirehoseRecord(recordId, arrivalMillis, newData, partitionKeys);
  }

  public FirehoseRecord withPartitionKeys(Map<String, String> keys) {
    return new FirehoseRecord(recordId, arrivalMillis, data, keys);
  }
}
