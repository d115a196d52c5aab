package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;

/** DescribeLimits: the account's shard and on-demand stream quotas and current use. */
public final class DescribeLimits extends KinesisOperation<DescribeLimits.Input, DescribeLimits.Output> {

  public record Input() {}

  public record Output(Integer shardLimit, Integer openShardCount, Integer onDemandStreamCount,
      Integer onDemandStreamCountLimit) {}

  public DescribeLimits(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    return new Output(engine.config().shardLimit(),
        (int) engine.openShardCount(ctx.accountId(), ctx.region()),
        (int) engine.onDemandStreamCount(ctx.accountId(), ctx.region()),
        engine.config().onDemandStreamLimit());
  }
}
