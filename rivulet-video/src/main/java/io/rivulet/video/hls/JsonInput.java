package io.rivulet.video.hls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A rest-json request body read with the constraints of the kinesis-video-archived-media model
 * (enums, ranges, patterns), failing as AWS does: one InvalidArgumentException worded "1
 * validation error detected: Value '…' at '…' failed to satisfy constraint: …", type errors as
 * SerializationException. Timestamps are epoch seconds. Immutable.
 */
final class JsonInput {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
  static final Pattern STREAM_ARN =
      Pattern.compile("arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+");

  private final JsonNode root;

  private JsonInput(JsonNode root) {
    this.root = root;
  }

  static JsonInput parse(byte[] body) {
    if (body == null || body.length == 0) {
      return new JsonInput(JSON.createObjectNode());
    }
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw serialization("The request body must be a JSON object.");
      }
      return new JsonInput(n);
    } catch (IOException e) {
      throw serialization("The request body is not valid JSON.");
    }
  }

  /** The member at a dotted path ({@code HLSFragmentSelector.TimestampRange}), or null. */
  JsonNode node(String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      n = n == null ? null : n.get(part);
    }
    return n == null || n.isNull() ? null : n;
  }

  String string(String path, int min, int max, Pattern pattern) {
    JsonNode n = node(path);
    if (n == null) {
      return null;
    }
    if (!n.isTextual()) {
      throw serialization("Unexpected value type for " + path + ": expected a string.");
    }
    String v = n.asText();
    if (v.length() < min) {
      throw invalid(v, path, "Member must have length greater than or equal to " + min);
    }
    if (v.length() > max) {
      throw invalid(v, path, "Member must have length less than or equal to " + max);
    }
    if (pattern != null && !pattern.matcher(v).matches()) {
      throw invalid(v, path, "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
    return v;
  }

  String enumValue(String path, List<String> allowed, String dflt) {
    String v = string(path, 0, Integer.MAX_VALUE, null);
    if (v == null) {
      return dflt;
    }
    if (!allowed.contains(v)) {
      throw invalid(v, path, "Member must satisfy enum value set: " + allowed);
    }
    return v;
  }

  Long number(String path, long min, long max) {
    JsonNode n = node(path);
    if (n == null) {
      return null;
    }
    if (!n.isIntegralNumber()) {
      throw serialization("Unexpected value type for " + path + ": expected an integer.");
    }
    long v = n.asLong();
    if (v < min) {
      throw invalid(Long.toString(v), path, "Member must have value greater than or equal to " + min);
    }
    if (v > max) {
      throw invalid(Long.toString(v), path, "Member must have value less than or equal to " + max);
    }
    return v;
  }

  /** An epoch-seconds timestamp (a number; ISO-8601 strings are accepted too). */
  Instant timestamp(String path) {
    JsonNode n = node(path);
    if (n == null) {
      return null;
    }
    try {
      if (n.isNumber()) {
        BigDecimal millis = n.decimalValue().movePointRight(3);
        return Instant.ofEpochMilli(millis.longValue());
      }
      if (n.isTextual()) {
        return Instant.parse(n.asText());
      }
    } catch (RuntimeException e) {
      // fall through
    }
    throw serialization("Unexpected value type for " + path + ": expected a timestamp.");
  }

  static VideoException invalid(String value, String path, String constraint) {
    String member = lowerCamel(path.substring(path.lastIndexOf('.') + 1));
    return VideoError.INVALID_ARGUMENT.with("1 validation error detected: Value '" + value + "' at '"
        + member + "' failed to satisfy constraint: " + constraint);
  }

  /** AWS's validators name members with a lower-case first letter ("hLSFragmentSelector"). */
  private static String lowerCamel(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static VideoException serialization(String message) {
    return VideoError.SERIALIZATION.with(message);
  }
}
