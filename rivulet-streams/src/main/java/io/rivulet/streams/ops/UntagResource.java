package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.List;

/** UntagResource: RemoveTagsFromStream for a stream ARN; unknown keys are ignored. */
public final class UntagResource
    extends KinesisOperation<UntagResource.Input, KinesisOperation.Empty> {

  public record Input(List<String> tagKeys, String resourceARN, String streamId) {}

  public UntagResource(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    if (StreamRefs.consumerArn(in.resourceARN()) != null) {
      Tags.removeFromConsumer(engine, in.resourceARN(), in.tagKeys());
    } else {
      Tags.remove(engine, StreamRefs.resource(in.resourceARN(), engine), in.tagKeys());
    }
    return new Empty();
  }
}
