package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;

/** DecreaseStreamRetentionPeriod: down to 24 hours; never longer than the current period. */
public final class DecreaseStreamRetentionPeriod
    extends KinesisOperation<DecreaseStreamRetentionPeriod.Input, KinesisOperation.Empty> {

  public record Input(String streamName, String streamARN, Integer retentionPeriodHours) {}

  public DecreaseStreamRetentionPeriod(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    Retention.change(engine, StreamRefs.resolve(in.streamName(), in.streamARN(), ctx),
        in.retentionPeriodHours(), false);
    return new Empty();
  }
}
