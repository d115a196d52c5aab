package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import java.time.Instant;

/** GetShardIterator: every iterator type; iterators are sealed tokens valid for 5 minutes. */
public final class GetShardIterator
    extends KinesisOperation<GetShardIterator.Input, GetShardIterator.Output> {

  public record Input(String streamName, String streamARN, String shardId, String shardIteratorType,
      String startingSequenceNumber, Instant timestamp) {}

  public record Output(String shardIterator) {}

  public GetShardIterator(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    return new Output(data.shardIterator(StreamRefs.resolve(in.streamName(), in.streamARN(), ctx),
        in.shardId(), in.shardIteratorType(), in.startingSequenceNumber(), in.timestamp()));
  }
}
