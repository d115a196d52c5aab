package io.rivulet.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a parsed request body against the operation's input shape into plain values, failing with
 * AWS's {@code SerializationException} messages where a value has the wrong JSON type. Stateless
 * and thread-safe.
 *
 * <p>The values: structures and maps are {@code Map<String, Object>} (a structure keyed by member
 * name, without absent or null members), lists {@code List<Object>}, whole numbers {@code Long}
 * (clamped to the shape type's range, fractions floored), floating numbers {@code Double}, blobs
 * {@code byte[]}, timestamps {@link Instant}. Members the shape does not know are dropped.
 */
final class ShapeReader {
  private static final String NOT_EXPECTED_LIST = "Start of list found where not expected";
  private static final String NOT_EXPECTED_STRUCTURE =
      "Start of structure or map found where not expected.";
  private static final String BIG_NUMBER = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
  private static final String JAVA_BOOLEAN = "class java.lang.Boolean";
  private static final String JAVA_STRING = "class java.lang.String";
  private static final String JAVA_BYTES = "class java.nio.HeapByteBuffer";
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private final ServiceModel model;
  private final boolean cbor;

  ShapeReader(ServiceModel model, WireFormat format) {
    this.model = model;
    this.cbor = format.isCbor();
  }

  /** Reads a top-level input structure. */
  Map<String, Object> readStructure(JsonNode node, Shape shape) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String memberShape = shape.members().get(field.getKey());
      if (memberShape == null || field.getValue().isNull()) {
        continue;
      }
      Object value = read(field.getValue(), model.shape(memberShape));
      if (value != null) {
        out.put(field.getKey(), value);
      }
    }
    return out;
  }

  private Object read(JsonNode node, Shape shape) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    switch (shape.type()) {
      case STRUCTURE:
        return structure(node, shape);
      case LIST:
        return list(node, shape);
      case MAP:
        return map(node, shape);
      case STRING:
        return string(node);
      case BOOLEAN:
        return bool(node);
      case BLOB:
        return blob(node);
      case TIMESTAMP:
        return timestamp(node);
      case FLOAT:
      case DOUBLE:
        return number(node, shape.type()).doubleValue();
      default:
        return wholeNumber(number(node, shape.type()), shape.type());
    }
  }

  private Object structure(JsonNode node, Shape shape) {
    if (node.isArray()) {
      throw error(NOT_EXPECTED_LIST);
    }
    if (!node.isObject()) {
      throw error("Expected null");
    }
    return readStructure(node, shape);
  }

  private Object list(JsonNode node, Shape shape) {
    if (node.isObject()) {
      throw error(NOT_EXPECTED_STRUCTURE);
    }
    if (!node.isArray()) {
      throw error("Expected list or null");
    }
    Shape member = model.shape(shape.member());
    List<Object> out = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      out.add(read(element, member));
    }
    return out;
  }

  private Object map(JsonNode node, Shape shape) {
    if (node.isArray()) {
      throw error(NOT_EXPECTED_LIST);
    }
    if (!node.isObject()) {
      throw error("Expected map or null");
    }
    Shape value = model.shape(shape.value());
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      out.put(field.getKey(), read(field.getValue(), value));
    }
    return out;
  }

  private static void rejectContainers(JsonNode node) {
    if (node.isArray()) {
      throw error(NOT_EXPECTED_LIST);
    }
    if (node.isObject()) {
      throw error(NOT_EXPECTED_STRUCTURE);
    }
  }

  private static String string(JsonNode node) {
    rejectContainers(node);
    if (node.isTextual()) {
      return node.textValue();
    }
    throw error(javaClass(node) + " can not be converted to an String");
  }

  private static Boolean bool(JsonNode node) {
    rejectContainers(node);
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      String upper = node.textValue().toUpperCase(Locale.ROOT);
      switch (upper) {
        case "TRUE":
        case "YES":
        case "1":
          return Boolean.TRUE;
        case "FALSE":
        case "NO":
        case "0":
          return Boolean.FALSE;
        default:
          throw error("'" + upper + "' can not be converted to an Boolean");
      }
    }
    throw error(javaClass(node) + " can not be converted to an Boolean");
  }

  private static BigDecimal number(JsonNode node, ShapeType type) {
    rejectContainers(node);
    if (node.isNumber()) {
      return node.decimalValue();
    }
    throw error(javaClass(node) + " can not be converted to an " + javaNumberName(type));
  }

  private static Long wholeNumber(BigDecimal value, ShapeType type) {
    BigInteger whole = value.setScale(0, RoundingMode.FLOOR).toBigInteger();
    long min;
    long max;
    switch (type) {
      case INTEGER:
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
        break;
      case SHORT:
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
        break;
      case BYTE:
        min = Byte.MIN_VALUE;
        max = Byte.MAX_VALUE;
        break;
      default:
        min = Long.MIN_VALUE;
        max = Long.MAX_VALUE;
    }
    return whole.max(BigInteger.valueOf(min)).min(BigInteger.valueOf(max)).longValueExact();
  }

  private static byte[] blob(JsonNode node) {
    rejectContainers(node);
    if (node.isBinary()) {
      try {
        return node.binaryValue();
      } catch (java.io.IOException e) {
        throw error(JAVA_BYTES + " can not be converted to a Blob");
      }
    }
    if (!node.isTextual()) {
      throw error(javaClass(node) + " can not be converted to a Blob");
    }
    return Base64Strict.decode(node.textValue());
  }

  private Instant timestamp(JsonNode node) {
    rejectContainers(node);
    if (!node.isNumber()) {
      throw error(javaClass(node) + " can not be converted to milliseconds since epoch");
    }
    BigDecimal value = node.decimalValue();
    BigDecimal millis = cbor ? value : value.multiply(THOUSAND);
    BigDecimal nanos = millis.multiply(BigDecimal.valueOf(1_000_000L)).setScale(0, RoundingMode.FLOOR);
    BigInteger[] split = nanos.toBigInteger().divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
    long seconds = split[0].longValue();
    long nano = split[1].longValue();
    if (nano < 0) {
      seconds -= 1;
      nano += 1_000_000_000L;
    }
    try {
      return Instant.ofEpochSecond(seconds, nano);
    } catch (java.time.DateTimeException e) {
      throw error(BIG_NUMBER + " can not be converted to milliseconds since epoch");
    }
  }

  private static String javaClass(JsonNode node) {
    if (node.isBoolean()) {
      return JAVA_BOOLEAN;
    }
    if (node.isNumber()) {
      return BIG_NUMBER;
    }
    if (node.isBinary()) {
      return JAVA_BYTES;
    }
    return JAVA_STRING;
  }

  private static String javaNumberName(ShapeType type) {
    String lower = type.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  static AwsException error(String message) {
    return new AwsException(CommonError.SERIALIZATION, message);
  }

  /** Base64 as AWS checks it in JSON bodies, with its messages. */
  static final class Base64Strict {
    private Base64Strict() {}

    static byte[] decode(String text) {
      if (text.length() % 4 != 0) {
        throw error(
            prefix(text) + "Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean alphabet =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        boolean padOk = c == '=' && (i + 1 == text.length() || text.charAt(i + 1) == '=');
        if (!alphabet && !padOk) {
          throw error(prefix(text) + "Invalid Base64 character: '" + c + "'");
        }
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw error(prefix(text) + "Invalid last non-pad Base64 character dectected");
      }
      if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
        throw error(prefix(text) + "Invalid last non-pad Base64 character dectected");
      }
      return bytes;
    }

    private static String prefix(String text) {
      return "'" + text + "' can not be converted to a Blob: ";
    }
  }
}
