package io.rivulet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * SDK v2 model objects to and from JSON in the AWS shape (member names as the service model and
 * the AWS CLI spell them, e.g. {@code "BufferingHints": {"SizeInMBs": 5}}), walking the fields the
 * SDK itself marshals with. Timestamps are written as ISO-8601 and read from ISO-8601 or epoch
 * seconds; blobs travel as base64. Reading refuses members the shape does not have, naming the
 * ones it has. Thread-safe (stateless).
 */
final class SdkJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SdkJson() {}

  /** A JSON input that does not fit the shape; the message says where ({@code path}) and why. */
  static final class ShapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShapeException(String path, String message) {
      super((path.isEmpty() ? "the top level" : path) + ": " + message);
    }
  }

  /** {@code pojo} (a built model object) as a JSON object; absent members are left out. */
  /** Prints a response as the AWS CLI does with {@code --output json} (indented). */
  static void printIndented(SdkPojo pojo) {
    try {
      System.out.println(MAPPER.copy().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(toJson(pojo)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode out = NODES.objectNode();
    for (SdkField<?> f : pojo.sdkFields()) {
      JsonNode v = value(f, f.getValueOrDefault(pojo));
      if (v != null) {
        out.set(f.locationName(), v);
      }
    }
    return out;
  }

  private static JsonNode value(SdkField<?> f, Object v) {
    if (v == null) {
      return null;
    }
    MarshallingType<?> t = f.marshallingType();
    if (t == MarshallingType.SDK_POJO) {
      return toJson((SdkPojo) v);
    }
    if (t == MarshallingType.LIST) {
      SdkField<?> member = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
      ArrayNode a = NODES.arrayNode();
      ((List<?>) v).forEach(e -> a.add(value(member, e)));
      return a;
    }
    if (t == MarshallingType.MAP) {
      SdkField<?> member = f.getRequiredTrait(MapTrait.class).valueFieldInfo();
      ObjectNode o = NODES.objectNode();
      ((Map<?, ?>) v).forEach((k, e) -> o.set(String.valueOf(k), value(member, e)));
      return o;
    }
    if (v instanceof SdkBytes b) {
      return NODES.textNode(Base64.getEncoder().encodeToString(b.asByteArray()));
    }
    if (v instanceof Instant i) {
      return NODES.textNode(i.toString());
    }
    return MAPPER.valueToTree(v);
  }

  /**
   * A model object built from {@code json} (an object in the AWS shape) by the builder that
   * {@code builder} supplies, e.g. {@code CreateDeliveryStreamRequest::builder}.
   */
  @SuppressWarnings("unchecked")
  static <T> T fromJson(JsonNode json, Supplier<? extends SdkPojo> builder, String path) {
    SdkPojo b = builder.get();
    if (!json.isObject()) {
      throw new ShapeException(path, "expected a JSON object, found " + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    Map<String, SdkField<?>> fields = new LinkedHashMap<>();
    b.sdkFields().forEach(f -> fields.put(f.locationName(), f));
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      SdkField<?> f = fields.get(e.getKey());
      if (f == null) {
        throw new ShapeException(path, "unknown member '" + e.getKey() + "'; the members are "
            + fields.keySet().stream().collect(Collectors.joining(", ")));
      }
      if (!e.getValue().isNull()) {
        f.set(b, read(f, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
      }
    }
    return (T) ((Buildable) b).build();
  }

  private static Object read(SdkField<?> f, JsonNode v, String path) {
    MarshallingType<?> t = f.marshallingType();
    if (t == MarshallingType.SDK_POJO) {
      return fromJson(v, f.constructor(), path);
    }
    if (t == MarshallingType.LIST) {
      expect(v.isArray(), path, "a JSON array");
      SdkField<?> member = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        out.add(read(member, v.get(i), path + "[" + i + "]"));
      }
      return out;
    }
    if (t == MarshallingType.MAP) {
      expect(v.isObject(), path, "a JSON object");
      SdkField<?> member = f.getRequiredTrait(MapTrait.class).valueFieldInfo();
      Map<String, Object> out = new LinkedHashMap<>();
      v.properties().forEach(e -> out.put(e.getKey(), read(member, e.getValue(), path + "." + e.getKey())));
      return out;
    }
    return scalar(t, v, path);
  }

  private static Object scalar(MarshallingType<?> t, JsonNode v, String path) {
    if (t == MarshallingType.STRING) {
      expect(v.isTextual(), path, "a string");
      return v.textValue();
    }
    if (t == MarshallingType.INTEGER) {
      expect(v.isInt(), path, "an integer");
      return v.intValue();
    }
    if (t == MarshallingType.LONG) {
      expect(v.isIntegralNumber() && v.canConvertToLong(), path, "an integer");
      return v.longValue();
    }
    if (t == MarshallingType.BOOLEAN) {
      expect(v.isBoolean(), path, "true or false");
      return v.booleanValue();
    }
    if (t == MarshallingType.DOUBLE || t == MarshallingType.FLOAT || t == MarshallingType.BIG_DECIMAL) {
      expect(v.isNumber(), path, "a number");
      return t == MarshallingType.DOUBLE ? (Object) v.doubleValue()
          : t == MarshallingType.FLOAT ? (Object) v.floatValue() : (Object) new BigDecimal(v.asText());
    }
    if (t == MarshallingType.INSTANT) {
      expect(v.isNumber() || v.isTextual(), path, "an ISO-8601 timestamp or epoch seconds");
      try {
        return v.isNumber() ? Instant.ofEpochMilli(Math.round(v.doubleValue() * 1000)) : Instant.parse(v.textValue());
      } catch (java.time.format.DateTimeParseException e) {
        throw new ShapeException(path, "not an ISO-8601 timestamp: " + v.textValue());
      }
    }
    if (t == MarshallingType.SDK_BYTES) {
      expect(v.isTextual(), path, "a base64 string");
      try {
        return SdkBytes.fromByteArray(Base64.getDecoder().decode(v.textValue()));
      } catch (IllegalArgumentException e) {
        throw new ShapeException(path, "not base64: " + e.getMessage());
      }
    }
    throw new ShapeException(path, "members of this type cannot be given in JSON here");
  }

  private static void expect(boolean ok, String path, String what) {
    if (!ok) {
      throw new ShapeException(path, "expected " + what);
    }
  }
}
