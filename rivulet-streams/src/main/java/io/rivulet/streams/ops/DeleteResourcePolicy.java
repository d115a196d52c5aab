package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;

/** DeleteResourcePolicy: removes a stream ARN's policy; ResourceNotFoundException if none. */
public final class DeleteResourcePolicy
    extends KinesisOperation<DeleteResourcePolicy.Input, KinesisOperation.Empty> {

  public record Input(String resourceARN, String streamId) {}

  public DeleteResourcePolicy(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    if (StreamRefs.consumerArn(in.resourceARN()) != null) {
      StreamKey[] stream = new StreamKey[1];
      ConsumerMeta c = StreamRefs.consumer(engine, null, null, in.resourceARN(), stream);
      engine.updateConsumer(stream[0], c.name(), x -> {
        if (x.resourcePolicy() == null) {
          throw GetResourcePolicy.noPolicy(in.resourceARN());
        }
        return x.withResourcePolicy(null);
      });
      return new Empty();
    }
    engine.update(StreamRefs.resource(in.resourceARN(), engine), m -> {
      if (m.resourcePolicy() == null) {
        throw GetResourcePolicy.noPolicy(in.resourceARN());
      }
      return m.withResourcePolicy(null);
    });
    return new Empty();
  }
}
