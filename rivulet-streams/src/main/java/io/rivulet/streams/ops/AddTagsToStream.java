package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    engine.describe(key);
    List<String> texts = new ArrayList<>(in.tags().keySet());
    texts.addAll(in.tags().values());
    Tags.checkCharacters(texts, "add tags to", key.name(), key.account());
    engine.update(key, m -> {
      Map<String, String> next = new LinkedHashMap<>(m.tags());
      next.putAll(in.tags());
      if (next.size() > StreamsEngine.MAX_TAGS_PER_STREAM) {
        throw KinesisError.INVALID_ARGUMENT.with("Failed to add tags to stream " + key.name()
            + " under account " + key.account() + " because a given stream cannot have more than "
            + StreamsEngine.MAX_TAGS_PER_STREAM + " tags associated with it.");
      }
      return m.withTags(next);
    });
    return new Empty();
  }
}
