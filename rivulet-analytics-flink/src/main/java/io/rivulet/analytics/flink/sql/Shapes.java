package io.rivulet.analytics.flink.sql;

import java.util.List;
import java.util.Map;

/** Reads AWS-shaped configuration (JSON-like maps and lists). Stateless, so thread-safe. */
final class Shapes {
  private Shapes() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof Map ? (Map<String, Object>) v : null;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v instanceof List ? (List<Map<String, Object>>) v : List.of();
  }

  static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    return v == null ? null : v.toString();
  }

  /** The last part of an ARN's resource ({@code stream/NAME} gives NAME; {@code arn:aws:s3:::B} B). */
  static String arnName(String arn) {
    int slash = arn.lastIndexOf('/');
    int colon = arn.lastIndexOf(':');
    return arn.substring(Math.max(slash, colon) + 1);
  }
}
