package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import java.util.List;

/**
 * One page of a list: {@code limit} items from the position a NextToken (the decimal index of the
 * next item) names. Immutable.
 */
record Page<T>(List<T> items, String nextToken) {

  static <T> Page<T> of(List<T> all, Integer limit, int defaultLimit, String nextToken) {
    int from = 0;
    if (nextToken != null) {
      try {
        from = Integer.parseInt(nextToken);
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > all.size()) {
        throw AnalyticsError.INVALID_ARGUMENT.with("Invalid NextToken: " + nextToken);
      }
    }
    int n = limit == null ? defaultLimit : limit;
    int to = Math.min(all.size(), from + n);
    return new Page<>(List.copyOf(all.subList(from, to)),
        to < all.size() ? Integer.toString(to) : null);
  }
}
