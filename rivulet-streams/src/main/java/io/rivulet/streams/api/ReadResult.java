package io.rivulet.streams.api;

import java.util.List;

/**
 * What one read of a shard returned: the records (in sequence-number order, possibly none), the
 * position to read from next ({@code AFTER_SEQUENCE_NUMBER}, also when no record came back), how
 * many milliseconds the last record returned is behind the newest of the shard (0 when caught
 * up), and whether the shard is closed and read to its end: then {@code childShards} names the
 * shards that continue it (empty otherwise) and there is nothing more to read from it. Immutable.
 */
public record ReadResult(List<StreamRecord> records, Position next, long millisBehindLatest,
    boolean shardEnded, List<ChildShard> childShards) {

  public ReadResult {
    records = List.copyOf(records);
    childShards = List.copyOf(childShards);
  }
}
