package io.rivulet.video.control.ops;

import io.rivulet.video.VideoError;
import io.rivulet.video.control.VideoStreams;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tag arithmetic shared by the stream and resource tagging operations. Stateless. */
final class Tags {
  private Tags() {}

  /** {@code current} with {@code added} put over it; TagsPerResourceExceededLimitException past 50. */
  static Map<String, String> merged(Map<String, String> current, Map<String, String> added,
      String resource) {
    Map<String, String> next = new LinkedHashMap<>(current);
    added.forEach((k, v) -> next.put(k, v == null ? "" : v));
    if (next.size() > VideoStreams.MAX_TAGS) {
      throw VideoError.TAGS_PER_RESOURCE_EXCEEDED_LIMIT.with("The resource " + resource
          + " would have " + next.size() + " tags; the limit is " + VideoStreams.MAX_TAGS + ".");
    }
    return next;
  }

  /** {@code current} without the keys. */
  static Map<String, String> without(Map<String, String> current, Collection<String> keys) {
    Map<String, String> next = new LinkedHashMap<>(current);
    keys.forEach(next::remove);
    return next;
  }
}
