package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.Map;

/** TagResource: AddTagsToStream for a stream or consumer ARN (same rules: at most 50 tags). */
public final class TagResource extends KinesisOperation<TagResource.Input, KinesisOperation.Empty> {

  public record Input(Map<String, String> tags, String resourceARN, String streamId) {}

  public TagResource(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    if (StreamRefs.consumerArn(in.resourceARN()) != null) {
      Tags.addToConsumer(engine, in.resourceARN(), in.tags());
    } else {
      Tags.add(engine, StreamRefs.resource(in.resourceARN(), engine), in.tags());
    }
    return new Empty();
  }
}
