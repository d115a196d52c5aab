package io.rivulet.video.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoException;
import io.rivulet.video.VideoStreamCatalog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Reading the rest-json bodies of the media and archived-media operations: members, their model
 * constraints (worded as AWS words validation failures, raised as InvalidArgumentException),
 * epoch-seconds timestamps, paging tokens, and the stream the request names. Stateless and
 * thread-safe.
 */
public final class MediaRequests {
  public static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
  private static final Pattern STREAM_ARN = Pattern.compile(
      "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+");
  private static final Pattern NEXT_TOKEN = Pattern.compile("[a-zA-Z0-9+/]+={0,2}");

  private MediaRequests() {}

  /** The request body as a JSON object ({@code {}} when empty). */
  public static JsonNode body(AwsRequest request) {
    byte[] body = request.body();
    if (body == null || body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw VideoException.invalidArgument("The request body is not a JSON object.");
      }
      return node;
    } catch (java.io.IOException e) {
      throw VideoException.invalidArgument("The request body is not valid JSON.");
    }
  }

  /**
   * The stream named by StreamName or StreamARN (exactly one) in the caller's account and region,
   * once the caller is allowed {@code operation} on it; ResourceNotFoundException when it does not
   * exist or is being deleted.
   */
  public static VideoStreamCatalog.Stream stream(VideoStreamCatalog catalog, MediaAccess access,
      String operation, AwsRequest request, JsonNode body) {
    String name = text(body, "StreamName", "streamName", 1, 256);
    String arn = text(body, "StreamARN", "streamARN", 1, 1024);
    if (name != null && !STREAM_NAME.matcher(name).matches()) {
      throw constraint(name, "streamName", "Member must satisfy regular expression pattern: "
          + STREAM_NAME.pattern());
    }
    if (arn != null && !STREAM_ARN.matcher(arn).matches()) {
      throw constraint(arn, "streamARN", "Member must satisfy regular expression pattern: "
          + STREAM_ARN.pattern());
    }
    if ((name == null) == (arn == null)) {
      throw VideoException.invalidArgument(
          "Exactly one of StreamName or StreamARN must be specified.");
    }
    MediaAccess.Caller caller = access.caller(request);
    VideoStreamCatalog.Stream stream = catalog.find(caller.account(), caller.region(), name, arn)
        .filter(s -> !"DELETING".equals(s.status()))
        .orElse(null);
    // authorised before "not found", so a caller learns nothing of streams it may not read
    access.authorize(caller, operation, stream != null ? stream.streamArn() : arn != null ? arn
        : "arn:aws:kinesisvideo:" + caller.region() + ":" + caller.account() + ":stream/" + name
            + "/*", request);
    if (stream == null) {
      throw VideoException.notFound("The requested stream is not found or not active.");
    }
    return stream;
  }

  /** A string member, checked for length; null when absent. */
  public static String text(JsonNode body, String member, String path, int min, int max) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw VideoException.invalidArgument("Member " + member + " must be a string.");
    }
    String value = node.textValue();
    if (value.length() < min) {
      throw constraint(value, path,
          "Member must have length greater than or equal to " + min);
    }
    if (value.length() > max) {
      throw constraint(value, path, "Member must have length less than or equal to " + max);
    }
    return value;
  }

  /** A required string member. */
  public static String requiredText(JsonNode body, String member, String path, int min, int max) {
    String value = text(body, member, path, min, max);
    if (value == null) {
      throw constraint(null, path, "Member must not be null");
    }
    return value;
  }

  /** An enum member (one of {@code values}); null when absent. */
  public static String enumValue(JsonNode body, String member, String path, String... values) {
    String value = text(body, member, path, 0, Integer.MAX_VALUE);
    if (value == null) {
      return null;
    }
    for (String v : values) {
      if (v.equals(value)) {
        return value;
      }
    }
    throw constraint(value, path, "Member must satisfy enum value set: "
        + java.util.Arrays.toString(values));
  }

  /** A long member within [min, max]; {@code dflt} when absent. */
  public static long number(JsonNode body, String member, String path, long min, long max,
      long dflt) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return dflt;
    }
    if (!node.isIntegralNumber()) {
      throw VideoException.invalidArgument("Member " + member + " must be an integer.");
    }
    long value = node.longValue();
    if (value < min) {
      throw constraint(Long.toString(value), path,
          "Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw constraint(Long.toString(value), path,
          "Member must have value less than or equal to " + max);
    }
    return value;
  }

  /** A timestamp member: epoch seconds as a number (or an ISO-8601 string); null when absent. */
  public static Instant timestamp(JsonNode body, String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      BigDecimal millis = node.decimalValue().movePointRight(3);
      return Instant.ofEpochMilli(millis.setScale(0, java.math.RoundingMode.HALF_UP).longValue());
    }
    if (node.isTextual()) {
      try {
        return Instant.parse(node.textValue());
      } catch (DateTimeParseException e) {
        try {
          return timestamp(JSON.createObjectNode().put("t", new BigDecimal(node.textValue())), "t");
        } catch (NumberFormatException n) {
          throw VideoException.invalidArgument("Member " + member + " is not a timestamp.");
        }
      }
    }
    throw VideoException.invalidArgument("Member " + member + " is not a timestamp.");
  }

  /** A paging token holding {@code value} (base64, as the model's NextToken pattern wants). */
  public static String token(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /** The value a {@link #token} holds; InvalidArgumentException when it is not one. */
  public static String untoken(String token) {
    if (!NEXT_TOKEN.matcher(token).matches()) {
      throw constraint(token, "nextToken",
          "Member must satisfy regular expression pattern: " + NEXT_TOKEN.pattern());
    }
    try {
      return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw VideoException.invalidArgument("The NextToken is not valid.");
    }
  }

  /** One validation failure as AWS words it. */
  public static VideoException constraint(String value, String path, String rule) {
    return VideoException.invalidArgument("1 validation error detected: Value '" + value
        + "' at '" + path + "' failed to satisfy constraint: " + rule);
  }

  /** A JSON response (200). */
  public static AwsResponse json(ObjectNode body) {
    try {
      return AwsResponse.of(200, "application/json", JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An epoch-seconds JSON number for an instant (milliseconds kept). */
  public static BigDecimal epochSeconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).setScale(3);
  }

  /** True if the request is {@code POST path}. */
  public static boolean isPost(AwsRequest request, String path) {
    return "POST".equals(request.method()) && path.equals(request.path());
  }
}
