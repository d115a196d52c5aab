package io.rivulet.firehose.s3;

import java.util.Map;

/**
 * Reads members of an AWS-shaped configuration held as {@code Map<String, Object>} (nested
 * structures are maps, numbers any {@link Number}). Stateless and thread-safe.
 */
final class ConfigMaps {
  private ConfigMaps() {}

  static String string(Map<String, Object> map, String member) {
    Object v = map == null ? null : map.get(member);
    return v == null ? null : v.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> map, String member) {
    Object v = map == null ? null : map.get(member);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  static boolean bool(Map<String, Object> map, String member) {
    Object v = map == null ? null : map.get(member);
    return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
  }

  /** The member as a long, or {@code orElse} when absent. */
  static long number(Map<String, Object> map, String member, long orElse) {
    Object v = map == null ? null : map.get(member);
    if (v instanceof Number n) {
      return n.longValue();
    }
    return v == null ? orElse : Long.parseLong(v.toString());
  }

  /** {@code Enabled} of a structure such as DataFormatConversionConfiguration (absent: false). */
  static boolean enabled(Map<String, Object> map, String member, boolean whenNoFlag) {
    Map<String, Object> m = map(map, member);
    if (m == null) {
      return false;
    }
    return m.containsKey("Enabled") ? bool(m, "Enabled") : whenNoFlag;
  }

  /** The bucket of {@code arn:<partition>:s3:::<bucket>}. */
  static String bucket(String bucketArn) {
    int i = bucketArn == null ? -1 : bucketArn.indexOf(":::");
    if (i < 0 || !bucketArn.startsWith("arn:") || i + 3 >= bucketArn.length()) {
      throw new IllegalArgumentException("BucketARN " + bucketArn + " is not an S3 bucket ARN"
          + " (arn:aws:s3:::<bucket>)");
    }
    return bucketArn.substring(i + 3);
  }
}
