package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.ops.ConsumerShapes.Consumer;
import java.util.Map;

/** RegisterStreamConsumer: an enhanced fan-out consumer, CREATING then ACTIVE; 20 per stream. */
public final class RegisterStreamConsumer
    extends KinesisOperation<RegisterStreamConsumer.Input, RegisterStreamConsumer.Output> {

  public record Input(String streamARN, String consumerName, Map<String, String> tags) {}

  public record Output(Consumer consumer) {}

  public RegisterStreamConsumer(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(null, in.streamARN(), ctx);
    ConsumerMeta c = engine.registerConsumer(key, in.consumerName());
    if (in.tags() != null && !in.tags().isEmpty()) {
      Tags.addToConsumer(engine, c.arn(engine.describe(key)), in.tags());
    }
    return new Output(Consumer.of(engine.describe(key), c));
  }
}
