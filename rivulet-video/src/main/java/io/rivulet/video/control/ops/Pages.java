package io.rivulet.video.control.ops;

import io.rivulet.video.VideoError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Paging of the name-sorted lists (ListStreams, ListSignalingChannels,
 * ListEdgeAgentConfigurations): a page of at most MaxResults items after the NextToken's name,
 * and the token of the next page (null on the last). Tokens are the last name returned, base64 (the
 * model's token alphabet). Stateless.
 */
final class Pages {
  private Pages() {}

  /** One page and the token of the next (null: none). */
  record Page<R>(List<R> items, String nextToken) {}

  /**
   * @param sorted every item, sorted by {@code name}
   * @param keep which items count (a name prefix, a hub device)
   */
  static <T, R> Page<R> page(List<T> sorted, Function<T, String> name, Predicate<T> keep,
      String token, Integer maxResults, int defaultMax, Function<T, R> map) {
    int max = maxResults == null ? defaultMax : maxResults;
    String after = token == null || token.isEmpty() ? null : decode(token);
    List<R> page = new ArrayList<>();
    String lastName = null;
    for (T item : sorted) {
      if ((after != null && name.apply(item).compareTo(after) <= 0) || !keep.test(item)) {
        continue;
      }
      if (page.size() == max) {
        return new Page<>(page, encode(lastName));
      }
      page.add(map.apply(item));
      lastName = name.apply(item);
    }
    return new Page<>(page, null);
  }

  static String encode(String lastName) {
    return Base64.getEncoder().encodeToString(("v1:" + lastName).getBytes(StandardCharsets.UTF_8));
  }

  /** The last name a token names; InvalidArgumentException if it is not one of ours. */
  static String decode(String token) {
    try {
      String s = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith("v1:") && s.length() > 3) {
        return s.substring(3);
      }
    } catch (IllegalArgumentException e) {
      // not base64: not ours
    }
    throw VideoError.INVALID_ARGUMENT.with("NextToken " + token + " is not valid.");
  }
}
