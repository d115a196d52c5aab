package io.rivulet.streams.api;

import java.math.BigInteger;
import java.util.List;

/**
 * One shard: its id, its parents (one after a split, two after a merge, none for a shard the
 * stream was created with; a parent already expired by retention is still named here), its
 * hash-key range (inclusive), and its sequence-number range: {@code endingSequenceNumber} is null
 * while the shard is open. Immutable.
 */
public record ShardInfo(String shardId, String parentShardId, String adjacentParentShardId,
    BigInteger startingHashKey, BigInteger endingHashKey, String startingSequenceNumber,
    String endingSequenceNumber) {

  /** True while records are still appended to this shard (it has not been split or merged). */
  public boolean isOpen() {
    return endingSequenceNumber == null;
  }

  /** The parent shard ids, parent first (empty, one or two). */
  public List<String> parents() {
    if (parentShardId == null) {
      return List.of();
    }
    return adjacentParentShardId == null ? List.of(parentShardId)
        : List.of(parentShardId, adjacentParentShardId);
  }
}
