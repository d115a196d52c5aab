package io.rivulet.streams.api;

/**
 * The outcome of one appended record, as a PutRecords result entry: its shard and sequence number
 * when it was stored, or an error code ({@code ProvisionedThroughputExceededException} when the
 * shard was throttled, {@code InternalFailure}) and message when it was not. Immutable.
 */
public record PutResult(String shardId, String sequenceNumber, String errorCode,
    String errorMessage) {

  public boolean failed() {
    return errorCode != null;
  }
}
