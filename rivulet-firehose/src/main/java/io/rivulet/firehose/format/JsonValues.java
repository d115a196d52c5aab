package io.rivulet.firehose.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JSON scalars as Hive column values: {@code Boolean}, {@code Byte}, {@code Short},
 * {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code String}, {@code byte[]}
 * (binary columns take base64 text), {@code BigDecimal} (rounded half-up to the column's scale;
 * null when it then has more digits than the precision, as Hive does), {@link LocalDate}, and
 * {@link LocalDateTime} (timestamps, UTC wall clock). Immutable and thread-safe.
 */
final class JsonValues {
  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final int SHOWN_CHARS = 100;

  /** OpenX reads numbers and booleans written as strings; Hive does not. */
  private final boolean lenient;
  private final TimestampParser timestamps;

  JsonValues(boolean lenient, TimestampParser timestamps) {
    this.lenient = lenient;
    this.timestamps = timestamps;
  }

  /** A map key (always a JSON string) as the map's key type. */
  Object mapKey(String key, HiveType type, String path) throws ConversionException {
    if (type instanceof HiveType.Struct || type instanceof HiveType.ListOf
        || type instanceof HiveType.MapOf) {
      throw new ConversionException(ConversionException.MALFORMED_DATA,
          "The map at '" + path + "' has key type " + type + ", which JSON keys cannot hold.");
    }
    return scalar(TextNode.valueOf(key), type, path + " (key)", true);
  }

  /** A non-null JSON value as the scalar {@code type}. */
  Object scalar(JsonNode node, HiveType type, String path) throws ConversionException {
    return scalar(node, type, path, lenient);
  }

  private Object scalar(JsonNode node, HiveType type, String path, boolean strings)
      throws ConversionException {
    if (type instanceof HiveType.Decimal d) {
      BigDecimal v = decimal(node, strings);
      if (v == null) {
        throw mismatch(path, type, node);
      }
      v = v.setScale(d.scale(), RoundingMode.HALF_UP);
      return v.precision() > d.precision() ? null : v;
    }
    if (type instanceof HiveType.Text t) {
      String s = string(node, path, type);
      return s.codePointCount(0, s.length()) <= t.length() ? s
          : s.substring(0, s.offsetByCodePoints(0, t.length()));
    }
    HiveType.Kind kind = ((HiveType.Primitive) type).kind();
    Object v = switch (kind) {
      case STRING -> string(node, path, type);
      case TINYINT -> integral(node, strings, Byte.MIN_VALUE, Byte.MAX_VALUE, path, type)
          .byteValue();
      case SMALLINT -> integral(node, strings, Short.MIN_VALUE, Short.MAX_VALUE, path, type)
          .shortValue();
      case INT -> integral(node, strings, Integer.MIN_VALUE, Integer.MAX_VALUE, path, type)
          .intValue();
      case BIGINT -> integral(node, strings, Long.MIN_VALUE, Long.MAX_VALUE, path, type)
          .longValue();
      case DOUBLE -> floating(node, strings);
      case FLOAT -> {
        Double d = floating(node, strings);
        yield d == null ? null : (Object) d.floatValue();
      }
      case BOOLEAN -> bool(node);
      case DATE -> node.isTextual() ? date(node.asText().trim()) : null;
      case TIMESTAMP -> timestamp(node);
      case BINARY -> binary(node);
    };
    if (v == null) {
      throw mismatch(path, type, node);
    }
    return v;
  }

  private String string(JsonNode node, String path, HiveType type) throws ConversionException {
    if (node.isContainerNode()) {
      if (!lenient) {
        throw mismatch(path, type, node);
      }
      return node.toString();
    }
    return node.asText();
  }

  private static BigDecimal decimal(JsonNode node, boolean strings) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (strings && node.isTextual()) {
      try {
        return new BigDecimal(node.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Long integral(JsonNode node, boolean strings, long min, long max, String path,
      HiveType type) throws ConversionException {
    BigDecimal v = decimal(node, strings);
    if (v == null) {
      throw mismatch(path, type, node);
    }
    BigInteger whole;
    try {
      whole = v.stripTrailingZeros().toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw mismatch(path, type, node);
    }
    if (whole.compareTo(BigInteger.valueOf(min)) < 0
        || whole.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new ConversionException(ConversionException.MALFORMED_DATA, "The value " + shown(node)
          + " of '" + path + "' is out of the range of " + type + ".");
    }
    return whole.longValue();
  }

  private static Double floating(JsonNode node, boolean strings) {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (strings && node.isTextual()) {
      try {
        return Double.parseDouble(node.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Boolean bool(JsonNode node) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      String s = node.asText().trim();
      if (s.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (s.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  private static LocalDate date(String s) {
    Matcher m = DATE.matcher(s);
    if (!m.matches()) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private LocalDateTime timestamp(JsonNode node) {
    if (node.isTextual()) {
      return timestamps.parse(node.asText(), false);
    }
    if (node.isNumber()) {
      return timestamps.parse(node.decimalValue().toPlainString(), true);
    }
    return null;
  }

  private static byte[] binary(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(node.asText().trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The record's value at {@code path} cannot be read as {@code type}. */
  static ConversionException mismatch(String path, HiveType type, JsonNode node) {
    return new ConversionException(ConversionException.MALFORMED_DATA, "The value of '" + path
        + "' (a JSON " + JsonDeserializer.kind(node) + ": " + shown(node)
        + ") cannot be read as " + type + ".");
  }

  private static String shown(JsonNode node) {
    String s = node.toString();
    return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "...";
  }
}
