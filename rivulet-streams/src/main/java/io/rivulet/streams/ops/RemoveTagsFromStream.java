package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.List;

/** RemoveTagsFromStream: removes the keys given; unknown keys are ignored. */
public final class RemoveTagsFromStream
    extends KinesisOperation<RemoveTagsFromStream.Input, KinesisOperation.Empty> {

  public record Input(String streamName, String streamARN, List<String> tagKeys) {}

  public RemoveTagsFromStream(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    Tags.remove(engine, StreamRefs.resolve(in.streamName(), in.streamARN(), ctx), in.tagKeys());
    return new Empty();
  }
}
