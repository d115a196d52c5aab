package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.Map;

/** AddTagsToStream: adds or overwrites tags; a stream holds at most 50. */
public final class AddTagsToStream
    extends KinesisOperation<AddTagsToStream.Input, KinesisOperation.Empty> {

  public record Input(String streamName, String streamARN, Map<String, String> tags) {}

  public AddTagsToStream(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    Tags.add(engine, StreamRefs.resolve(in.streamName(), in.streamARN(), ctx), in.tags());
    return new Empty();
  }
}
