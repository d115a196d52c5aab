package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** ListTagsForStream: tags in key order, paged by Limit (default 50) and ExclusiveStartTagKey. */
public final class ListTagsForStream
    extends KinesisOperation<ListTagsForStream.Input, ListTagsForStream.Output> {
  static final int DEFAULT_LIMIT = 50;

  public record Input(String streamName, String streamARN, String exclusiveStartTagKey, Integer limit) {}

  public record Output(List<Tag> tags, Boolean hasMoreTags) {}

  public ListTagsForStream(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamMeta m = engine.describe(StreamRefs.resolve(in.streamName(), in.streamARN(), ctx));
    int limit = in.limit() == null ? DEFAULT_LIMIT : in.limit();
    List<Tag> tags = new ArrayList<>();
    boolean more = false;
    for (var e : new TreeMap<>(m.tags()).entrySet()) {
      if (in.exclusiveStartTagKey() != null && e.getKey().compareTo(in.exclusiveStartTagKey()) <= 0) {
        continue;
      }
      if (tags.size() == limit) {
        more = true;
        break;
      }
      tags.add(new Tag(e.getKey(), e.getValue()));
    }
    return new Output(tags, more);
  }
}
