package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;

/**
 * UpdateShardCount (UNIFORM_SCALING): reaches TargetShardCount evenly sized open shards by splits
 * and merges (so every child has at most two parents); the target must lie between half and twice
 * the open shards, and at most 10,000.
 */
public final class UpdateShardCount
    extends KinesisOperation<UpdateShardCount.Input, UpdateShardCount.Output> {

  public record Input(String streamName, String streamARN, Integer targetShardCount,
      String scalingType) {}

  public record Output(String streamName, Integer currentShardCount, Integer targetShardCount,
      String streamARN) {}

  public UpdateShardCount(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    int target = in.targetShardCount();
    StreamMeta before = engine.reshard(key, m -> {
      long open = m.openShardCount();
      if (target > open * 2) {
        throw KinesisError.INVALID_ARGUMENT.with("Cannot update shard count beyond 2x current shard count");
      }
      if (target < (open + 1) / 2) {
        throw KinesisError.INVALID_ARGUMENT.with("Cannot update shard count below 50% of the current shard count");
      }
      if (target > Resharding.MAX_SHARDS_PER_STREAM) {
        throw KinesisError.INVALID_ARGUMENT.with("Cannot scale a stream beyond 10000 shards");
      }
    }, r -> r.uniform(target));
    return new Output(key.name(), (int) before.openShardCount(), target, key.arn());
  }
}
