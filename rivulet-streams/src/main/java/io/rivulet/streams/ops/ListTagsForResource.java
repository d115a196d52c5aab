package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes.Tag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** ListTagsForResource: every tag of a stream ARN, in key order (the model has no paging). */
public final class ListTagsForResource
    extends KinesisOperation<ListTagsForResource.Input, ListTagsForResource.Output> {

  public record Input(String resourceARN, String streamId) {}

  public record Output(List<Tag> tags) {}

  public ListTagsForResource(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Map<String, String> tags;
    if (StreamRefs.consumerArn(in.resourceARN()) != null) {
      tags = StreamRefs.consumer(engine, null, null, in.resourceARN(), new StreamKey[1]).tags();
    } else {
      StreamMeta m = engine.describe(StreamRefs.resource(in.resourceARN(), engine));
      tags = m.tags();
    }
    return new Output(new TreeMap<>(tags).entrySet().stream()
        .map(e -> new Tag(e.getKey(), e.getValue())).toList());
  }
}
