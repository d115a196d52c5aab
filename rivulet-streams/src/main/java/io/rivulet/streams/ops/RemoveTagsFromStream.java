package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RemoveTagsFromStream: removes the keys given; unknown keys are ignored. */
public final class RemoveTagsFromStream
    extends KinesisOperation<RemoveTagsFromStream.Input, KinesisOperation.Empty> {

  public record Input(String streamName, String streamARN, List<String> tagKeys) {}

  public RemoveTagsFromStream(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    engine.describe(key);
    Tags.checkCharacters(in.tagKeys(), "remove tags from", key.name(), key.account());
    engine.update(key, m -> {
      Map<String, String> next = new LinkedHashMap<>(m.tags());
      in.tagKeys().forEach(next::remove);
      return m.withTags(next);
    });
    return new Empty();
  }
}
