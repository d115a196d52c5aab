package io.rivulet.firehose.http;

import java.util.List;
import java.util.Map;

/**
 * Reads members of an AWS-shaped destination configuration held as a raw map (member names as in
 * the Firehose model; numbers may arrive as any {@link Number}). A member of the wrong type is
 * refused with InvalidArgumentException. Stateless and thread-safe.
 */
public final class ConfigValues {
  private ConfigValues() {}

  /** The nested structure {@code name}, or an empty map when absent. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> struct(Map<String, Object> config, String name) {
    Object value = config.get(name);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw invalid(name + " must be a structure.");
    }
    return (Map<String, Object>) value;
  }

  /** The list {@code name}, or an empty list when absent. */
  public static List<?> list(Map<String, Object> config, String name) {
    Object value = config.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List)) {
      throw invalid(name + " must be a list.");
    }
    return (List<?>) value;
  }

  /** The string {@code name}, or null when absent. */
  public static String string(Map<String, Object> config, String name) {
    Object value = config.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String)) {
      throw invalid(name + " must be a string.");
    }
    return (String) value;
  }

  /** The string {@code name}, or {@code fallback} when absent. */
  public static String string(Map<String, Object> config, String name, String fallback) {
    String value = string(config, name);
    return value == null ? fallback : value;
  }

  /** The whole number {@code name} within [min, max], or {@code fallback} when absent. */
  public static long integer(Map<String, Object> config, String name, long fallback, long min,
      long max) {
    Object value = config.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number)) {
      throw invalid(name + " must be a number.");
    }
    Number number = (Number) value;
    long whole = number.longValue();
    if (whole != number.doubleValue() || whole < min || whole > max) {
      throw invalid(name + " must be a whole number between " + min + " and " + max
          + ", but was " + value + ".");
    }
    return whole;
  }

  /** The boolean {@code name}, or {@code fallback} when absent. */
  public static boolean bool(Map<String, Object> config, String name, boolean fallback) {
    Object value = config.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean)) {
      throw invalid(name + " must be a boolean.");
    }
    return (Boolean) value;
  }

  /** Refuses a member that is not one of {@code allowed}. */
  public static String oneOf(Map<String, Object> config, String name, String fallback,
      List<String> allowed) {
    String value = string(config, name, fallback);
    if (value != null && !allowed.contains(value)) {
      throw invalid(name + " must be one of " + allowed + ", but was " + value + ".");
    }
    return value;
  }

  public static io.rivulet.protocol.AwsException invalid(String message) {
    return DestinationConfigError.INVALID_ARGUMENT.with(message);
  }
}
