package io.rivulet.firehose.util;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.protocol.AwsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
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

  /**
   * The http:// or https:// URL {@code value} of member {@code name}, with a host and, unless
   * {@code queryAllowed}, no query; refused otherwise.
   */
  public static URI url(String value, String name, boolean queryAllowed) {
    if (value == null || value.isEmpty()) {
      throw invalid(name + " is required.");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid(name + " is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null
        || !queryAllowed && uri.getRawQuery() != null) {
      throw invalid(name + " must be an http:// or https:// URL with a host"
          + (queryAllowed ? "." : " and no query."));
    }
    return uri;
  }

  /**
   * Refuses an enabled SecretsManagerConfiguration: Secrets Manager is an AWS service this server
   * does not have, so the secret is configured directly in {@code member}.
   */
  public static void noSecretsManager(Map<String, Object> config, String member) {
    if (bool(struct(config, "SecretsManagerConfiguration"), "Enabled", false)) {
      throw invalid("SecretsManagerConfiguration is not supported by this Firehose: configure "
          + member + " in the destination configuration instead.");
    }
  }

  /** Firehose's InvalidArgumentException with {@code message}. */
  public static AwsException invalid(String message) {
    return FirehoseError.INVALID_ARGUMENT.with(message);
  }
}
