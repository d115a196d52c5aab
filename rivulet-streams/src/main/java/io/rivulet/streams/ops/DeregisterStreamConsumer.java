package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;

/** DeregisterStreamConsumer: the consumer goes DELETING, then is gone (its subscriptions end). */
public final class DeregisterStreamConsumer
    extends KinesisOperation<DeregisterStreamConsumer.Input, KinesisOperation.Empty> {

  public record Input(String streamARN, String consumerName, String consumerARN) {}

  public DeregisterStreamConsumer(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    StreamKey[] stream = new StreamKey[1];
    ConsumerMeta c = StreamRefs.consumer(engine, in.streamARN(), in.consumerName(), in.consumerARN(), stream);
    engine.deregisterConsumer(stream[0], c.name());
    return new Empty();
  }
}
