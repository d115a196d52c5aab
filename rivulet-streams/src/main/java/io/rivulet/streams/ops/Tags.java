package io.rivulet.streams.ops;

import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tag rules and changes shared by the tag operations (AddTagsToStream, RemoveTagsFromStream and
 * TagResource, UntagResource for stream ARNs): allowed characters and at most 50 tags. Stateless.
 */
final class Tags {
  private static final Pattern INVALID = Pattern.compile("[^\\u00C0-\\u1FFF\\u2C00-\\uD7FF\\w./\\-=+_ @%]");

  private Tags() {}

  /** Adds or overwrites {@code tags} on an ACTIVE stream, after the character and count checks. */
  static void add(StreamsEngine engine, StreamKey key, Map<String, String> tags) {
    engine.describe(key);
    List<String> texts = new ArrayList<>(tags.keySet());
    texts.addAll(tags.values());
    checkCharacters(texts, "add tags to", key.name(), key.account());
    engine.update(key, m -> {
      Map<String, String> next = new LinkedHashMap<>(m.tags());
      next.putAll(tags);
      if (next.size() > StreamsEngine.MAX_TAGS_PER_STREAM) {
        throw KinesisError.INVALID_ARGUMENT.with("Failed to add tags to stream " + key.name()
            + " under account " + key.account() + " because a given stream cannot have more than "
            + StreamsEngine.MAX_TAGS_PER_STREAM + " tags associated with it.");
      }
      return m.withTags(next);
    });
  }

  /** Removes the keys from an ACTIVE stream's tags; unknown keys are ignored. */
  static void remove(StreamsEngine engine, StreamKey key, List<String> tagKeys) {
    engine.describe(key);
    checkCharacters(tagKeys, "remove tags from", key.name(), key.account());
    engine.update(key, m -> {
      Map<String, String> next = new LinkedHashMap<>(m.tags());
      tagKeys.forEach(next::remove);
      return m.withTags(next);
    });
  }

  /** TagResource on a consumer ARN: the same rules as for streams. */
  static void addToConsumer(StreamsEngine engine, String consumerArn, Map<String, String> tags) {
    StreamKey[] stream = new StreamKey[1];
    ConsumerMeta c = StreamRefs.consumer(engine, null, null, consumerArn, stream);
    List<String> texts = new ArrayList<>(tags.keySet());
    texts.addAll(tags.values());
    checkCharacters(texts, "add tags to", c.name(), stream[0].account());
    engine.updateConsumer(stream[0], c.name(), x -> {
      Map<String, String> next = new LinkedHashMap<>(x.tags());
      next.putAll(tags);
      if (next.size() > StreamsEngine.MAX_TAGS_PER_STREAM) {
        throw KinesisError.INVALID_ARGUMENT.with("Failed to add tags to consumer " + c.name()
            + " under account " + stream[0].account() + " because a given consumer cannot have"
            + " more than " + StreamsEngine.MAX_TAGS_PER_STREAM + " tags associated with it.");
      }
      return x.withTags(next);
    });
  }

  /** UntagResource on a consumer ARN. */
  static void removeFromConsumer(StreamsEngine engine, String consumerArn, List<String> tagKeys) {
    StreamKey[] stream = new StreamKey[1];
    ConsumerMeta c = StreamRefs.consumer(engine, null, null, consumerArn, stream);
    checkCharacters(tagKeys, "remove tags from", c.name(), stream[0].account());
    engine.updateConsumer(stream[0], c.name(), x -> {
      Map<String, String> next = new LinkedHashMap<>(x.tags());
      tagKeys.forEach(next::remove);
      return x.withTags(next);
    });
  }

  /** InvalidArgumentException when any text has a character AWS does not allow in tags. */
  static void checkCharacters(Collection<String> texts, String verb, String streamName, String account) {
    for (String t : texts) {
      if (INVALID.matcher(t).find()) {
        throw KinesisError.INVALID_ARGUMENT.with("Some tags contain invalid characters. Valid"
            + " characters: Unicode letters, digits, white space, _ . / = + - % @.");
      }
    }
    for (String t : texts) {
      if (t.indexOf('%') >= 0) {
        throw KinesisError.INVALID_ARGUMENT.with("Failed to " + verb + " stream " + streamName
            + " under account " + account + " because some tags contained illegal characters. The"
            + " allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.");
      }
    }
  }
}
