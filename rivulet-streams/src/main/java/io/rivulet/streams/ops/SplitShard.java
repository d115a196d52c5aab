package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.ShardMeta;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import java.math.BigInteger;

/** SplitShard: closes an open shard and opens two children split at NewStartingHashKey. */
public final class SplitShard extends KinesisOperation<SplitShard.Input, KinesisOperation.Empty> {

  public record Input(String streamName, String streamARN, String shardToSplit,
      String newStartingHashKey) {}

  public SplitShard(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    BigInteger newStart = new BigInteger(in.newStartingHashKey());
    int index = ShardMeta.parseIndex(in.shardToSplit());
    engine.reshard(key, m -> {
      ShardMeta s = Resharding.openShard(m, index, in.shardToSplit());
      if (newStart.compareTo(s.startHash().add(BigInteger.ONE)) <= 0
          || newStart.compareTo(s.endHash()) >= 0) {
        throw KinesisError.INVALID_ARGUMENT.with("NewStartingHashKey " + in.newStartingHashKey()
            + " used in SplitShard() on shard " + s.shardId() + " in stream " + key.name()
            + " under account " + key.account() + " is not both greater than one plus the shard's"
            + " StartingHashKey " + s.startingHashKey() + " and less than the shard's EndingHashKey "
            + s.endingHashKey() + ".");
      }
    }, r -> r.split(index, newStart));
    return new Empty();
  }
}
