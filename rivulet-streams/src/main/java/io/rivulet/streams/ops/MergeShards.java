package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.ShardMeta;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;
import java.math.BigInteger;

/** MergeShards: closes two open shards with adjacent ranges and opens one child covering both. */
public final class MergeShards extends KinesisOperation<MergeShards.Input, KinesisOperation.Empty> {

  public record Input(String streamName, String streamARN, String shardToMerge,
      String adjacentShardToMerge) {}

  public MergeShards(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    int a = ShardMeta.parseIndex(in.shardToMerge());
    int b = ShardMeta.parseIndex(in.adjacentShardToMerge());
    boolean[] swapped = new boolean[1];
    engine.reshard(key, m -> {
      ShardMeta first = Resharding.openShard(m, a, in.shardToMerge());
      ShardMeta second = Resharding.openShard(m, b, in.adjacentShardToMerge());
      if (first.endHash().add(BigInteger.ONE).equals(second.startHash())) {
        swapped[0] = false;
      } else if (second.endHash().add(BigInteger.ONE).equals(first.startHash())) {
        swapped[0] = true;
      } else {
        throw KinesisError.INVALID_ARGUMENT.with("Shards " + first.shardId() + " and "
            + second.shardId() + " in stream " + key.name() + " under account " + key.account()
            + " are not an adjacent pair of shards eligible for merging");
      }
    }, r -> {
      if (swapped[0]) {
        r.merge(b, a);
      } else {
        r.merge(a, b);
      }
    });
    return new Empty();
  }
}
