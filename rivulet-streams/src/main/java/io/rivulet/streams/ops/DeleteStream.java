package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;

/** DeleteStream: the stream goes DELETING, then is gone with its data. */
public final class DeleteStream extends KinesisOperation<DeleteStream.Input, KinesisOperation.Empty> {

  public record Input(String streamName, String streamARN, Boolean enforceConsumerDeletion) {}

  public DeleteStream(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.delete(StreamRefs.resolve(in.streamName(), in.streamARN(), ctx));
    return new Empty();
  }
}
