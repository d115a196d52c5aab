package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.ops.ConsumerShapes.ConsumerDescription;

/** DescribeStreamConsumer: by ConsumerARN, or by StreamARN and ConsumerName. */
public final class DescribeStreamConsumer
    extends KinesisOperation<DescribeStreamConsumer.Input, DescribeStreamConsumer.Output> {

  public record Input(String streamARN, String consumerName, String consumerARN) {}

  public record Output(ConsumerDescription consumerDescription) {}

  public DescribeStreamConsumer(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamKey[] stream = new StreamKey[1];
    ConsumerMeta c = StreamRefs.consumer(engine, in.streamARN(), in.consumerName(), in.consumerARN(), stream);
    return new Output(ConsumerDescription.of(engine.describe(stream[0]), c));
  }
}
