package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;

/** IncreaseStreamRetentionPeriod: up to 8,760 hours; never shorter than the current period. */
public final class IncreaseStreamRetentionPeriod
    extends KinesisOperation<IncreaseStreamRetentionPeriod.Input, KinesisOperation.Empty> {

  public record Input(String streamName, String streamARN, Integer retentionPeriodHours) {}

  public IncreaseStreamRetentionPeriod(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    Retention.change(engine, StreamRefs.resolve(in.streamName(), in.streamARN(), ctx),
        in.retentionPeriodHours(), true);
    return new Empty();
  }
}
