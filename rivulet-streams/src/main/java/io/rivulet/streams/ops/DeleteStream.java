package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;

/**
 * DeleteStream: the stream goes DELETING, then is gone with its data (and its consumers, which
 * must be deregistered first unless EnforceConsumerDeletion).
 */
public final class DeleteStream extends KinesisOperation<DeleteStream.Input, KinesisOperation.Empty> {

  public record Input(String streamName, String streamARN, Boolean enforceConsumerDeletion) {}

  public DeleteStream(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    StreamMeta m = engine.describe(key);
    if (!m.consumers().isEmpty() && !Boolean.TRUE.equals(in.enforceConsumerDeletion())) {
      throw KinesisError.RESOURCE_IN_USE.with("Stream " + key.name() + " under account "
          + key.account() + " has registered consumers. Deregister them, or delete the stream"
          + " with EnforceConsumerDeletion.");
    }
    engine.delete(key);
    return new Empty();
  }
}
