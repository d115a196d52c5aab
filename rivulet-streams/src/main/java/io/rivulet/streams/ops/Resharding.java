package io.rivulet.streams.ops;

import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.ShardMeta;
import io.rivulet.streams.engine.StreamMeta;

/** Checks shared by the resharding operations. Stateless. */
final class Resharding {
  static final int MAX_SHARDS_PER_STREAM = 10_000;

  private Resharding() {}

  /** The open shard with this index, or the AWS error for a missing or closed one. */
  static ShardMeta openShard(StreamMeta m, int index, String shardId) {
    ShardMeta s = index < 0 ? null : m.shard(index);
    if (s == null) {
      throw KinesisError.RESOURCE_NOT_FOUND.with("Could not find shard " + shardId + " in stream "
          + m.name() + " under account " + m.account() + ".");
    }
    if (!s.isOpen()) {
      throw KinesisError.RESOURCE_IN_USE.with("Shard " + shardId + " in stream " + m.name()
          + " under account " + m.account() + " has already been merged or split, and thus is not"
          + " eligible for merging or splitting.");
    }
    return s;
  }
}
