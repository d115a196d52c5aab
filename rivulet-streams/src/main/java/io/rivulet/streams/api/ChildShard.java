package io.rivulet.streams.api;

import java.math.BigInteger;
import java.util.List;

/**
 * A shard that continues a closed one (as GetRecords' {@code ChildShards} reports it): its id,
 * all its parents (a merge child has two; read both to their ends before it) and its hash-key
 * range. Immutable.
 */
public record ChildShard(String shardId, List<String> parentShards, BigInteger startingHashKey,
    BigInteger endingHashKey) {

  public ChildShard {
    parentShards = List.copyOf(parentShards);
  }
}
