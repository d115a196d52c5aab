package io.rivulet.streams.engine;

import java.util.Map;

/**
 * An enhanced fan-out consumer registered on a stream: its name, creation time (which its ARN
 * carries, in seconds), status (CREATING, ACTIVE, DELETING), tags and resource policy. Immutable.
 */
public record ConsumerMeta(String name, long createdMillis, String status, Map<String, String> tags,
    String resourcePolicy) {
  public static final int MAX_PER_STREAM = 20;

  public ConsumerMeta {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>/consumer/<consumer>:<epoch seconds>}. */
  public String arn(StreamMeta stream) {
    return stream.arn() + "/consumer/" + name + ":" + createdMillis / 1000;
  }

  public ConsumerMeta withStatus(String newStatus) {
    return new ConsumerMeta(name, createdMillis, newStatus, tags, resourcePolicy);
  }

  public ConsumerMeta withTags(Map<String, String> newTags) {
    return new ConsumerMeta(name, createdMillis, status, newTags, resourcePolicy);
  }

  public ConsumerMeta withResourcePolicy(String policy) {
    return new ConsumerMeta(name, createdMillis, status, tags, policy);
  }
}
