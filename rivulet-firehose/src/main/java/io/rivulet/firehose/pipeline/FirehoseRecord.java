package io.rivulet.firehose.pipeline;

import java.util.Map;

/**
 * One record moving through a delivery: its Firehose record id (stable for the buffered position,
 * so a redelivery after a crash carries the same ids), when it arrived, its bytes, the partition
 * keys found for it by dynamic partitioning (empty when none), and, for a KinesisStreamAsSource
 * delivery stream whose buffer kept it, where in the data stream it came from (else null).
 * Immutable.
 */
public record FirehoseRecord(String recordId, long arrivalMillis, byte[] data,
    Map<String, String> partitionKeys, KinesisRecordMetadata kinesisRecordMetadata) {

  public FirehoseRecord {
    partitionKeys = Map.copyOf(partitionKeys);
  }

  public FirehoseRecord(String recordId, long arrivalMillis, byte[] data,
      Map<String, String> partitionKeys) {
    this(recordId, arrivalMillis, data, partitionKeys, null);
  }

  public FirehoseRecord(String recordId, long arrivalMillis, byte[] data) {
    this(recordId, arrivalMillis, data, Map.of(), null);
  }

  public FirehoseRecord withData(byte[] newData) {
    return new FirehoseRecord(recordId, arrivalMillis, newData, partitionKeys,
        kinesisRecordMetadata);
  }

  public FirehoseRecord withPartitionKeys(Map<String, String> keys) {
    return new FirehoseRecord(recordId, arrivalMillis, data, keys, kinesisRecordMetadata);
  }

  public FirehoseRecord withKinesisRecordMetadata(KinesisRecordMetadata metadata) {
    return new FirehoseRecord(recordId, arrivalMillis, data, partitionKeys, metadata);
  }
}
