package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.Accounts;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes.WarmThroughputObject;

/**
 * UpdateStreamWarmThroughput: records the warm throughput an on-demand stream should handle; the
 * stream is UPDATING for the update delay, during which CurrentMiBps is still the old value.
 */
public final class UpdateStreamWarmThroughput extends
    KinesisOperation<UpdateStreamWarmThroughput.Input, UpdateStreamWarmThroughput.Output> {
  private final Accounts accounts;

  public record Input(String streamARN, String streamName, String streamId,
      Integer warmThroughputMiBps) {}

  public record Output(String streamARN, String streamName, WarmThroughputObject warmThroughput) {}

  public UpdateStreamWarmThroughput(StreamsEngine engine, DataPlane data, Accounts accounts) {
    super(engine, data, Input.class);
    this.accounts = accounts;
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    int target = in.warmThroughputMiBps();
    StreamMeta before = engine.updateWithDelay(key, m -> {
      WarmThroughput.check(accounts, key, m.mode(), target);
      return m.withWarmThroughput(target);
    });
    return new Output(key.arn(), key.name(),
        new WarmThroughputObject(target, before.currentWarmThroughputMiBps()));
  }
}
