package io.rivulet.analytics.flink.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps one record's bytes to rows as a {@link RecordSchema} says, as SQL-1_0 does: JSON values
 * picked by each column's Mapping path below the RecordRowPath (a path ending in {@code [0:]} or
 * {@code [*]} makes one row per array element), or CSV split by the row and column delimiters.
 * A row whose value does not convert to its column's type is not produced (SQL-1_0 sends such
 * rows to the error stream) and {@link #map} reports it through {@code rejected}. Immutable, so
 * thread-safe.
 */
final class RecordMapper implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STEP = Pattern.compile(
      "\\.([^.\\[]+)|\\[\\s*['\"](.*?)['\"]\\s*]|\\[\\s*(\\d+)\\s*]|\\[\\s*(\\*|\\d+\\s*:\\s*)]");
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffsetId().optionalEnd()
      .toFormatter();

  private final RecordSchema schema;

  RecordMapper(RecordSchema schema) {
    this.schema = schema;
  }

  /** Receives the count of rows that could not be mapped. */
  interface Rejects {
    void rejected(String why);
  }

  /** The rows of one record. */
  List<Object[]> map(byte[] record, Rejects rejects) {
    String text = new String(record, StandardCharsets.UTF_8);
    List<Object[]> rows = new ArrayList<>();
    if (schema.json()) {
      try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(text)) {
        while (values.hasNext()) {
          for (JsonNode row : select(values.next(), schema.rowPath())) {
            add(rows, jsonRow(row), rejects);
          }
        }
      } catch (IOException | RuntimeException e) {
        rejects.rejected("not JSON: " + e.getMessage());
      }
    } else {
      for (String line : text.split(Pattern.quote(schema.rowDelimiter()), -1)) {
        if (!line.isEmpty()) {
          add(rows, line.split(Pattern.quote(schema.columnDelimiter()), -1), rejects);
        }
      }
    }
    return rows;
  }

  private void add(List<Object[]> rows, Object[] raw, Rejects rejects) {
    List<RecordSchema.Column> cols = schema.columns();
    Object[] row = new Object[cols.size()];
    for (int i = 0; i < row.length; i++) {
      Object v = i < raw.length ? raw[i] : null;
      try {
        row[i] = v == null ? null : convert(v, cols.get(i).flinkType());
      } catch (RuntimeException e) {
        rejects.rejected("column " + cols.get(i).name() + ": cannot convert '" + v + "' to "
            + cols.get(i).sqlType());
        return;
      }
    }
    rows.add(row);
  }

  private Object[] jsonRow(JsonNode row) {
    List<RecordSchema.Column> cols = schema.columns();
    Object[] raw = new Object[cols.size()];
    for (int i = 0; i < raw.length; i++) {
      String mapping = cols.get(i).mapping();
      String path = mapping == null ? "$." + cols.get(i).name() : relative(mapping);
      List<JsonNode> found = select(row, path);
      JsonNode v = found.isEmpty() ? null : found.get(0);
      raw[i] = v == null || v.isNull() || v.isMissingNode() ? null
          : v.isValueNode() ? v.asText() : v.toString();
    }
    return raw;
  }

  /** A column's Mapping relative to the row: the RecordRowPath prefix, if written, removed. */
  private String relative(String mapping) {
    String rowPath = schema.rowPath();
    if (!rowPath.equals("$") && mapping.startsWith(rowPath)) {
      return "$" + mapping.substring(rowPath.length());
    }
    return mapping;
  }

  /** The nodes a JSON path (a subset: .name, ['name'], [n], [*], [n:]) selects. */
  static List<JsonNode> select(JsonNode root, String path) {
    List<JsonNode> current = new ArrayList<>(List.of(root));
    String rest = path.trim();
    if (!rest.startsWith("$")) {
      throw new IllegalArgumentException("a JSON path starts with $: " + path);
    }
    Matcher m = STEP.matcher(rest);
    int pos = 1;
    while (pos < rest.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new IllegalArgumentException("unsupported JSON path: " + path);
      }
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        step(n, m, next);
      }
      current = next;
      pos = m.end();
    }
    return current;
  }

  private static void step(JsonNode n, Matcher m, List<JsonNode> next) {
    String field = m.group(1) != null ? m.group(1) : m.group(2);
    if (field != null) {
      JsonNode c = n.get(field);
      if (c == null) {
        // SQL-1_0 matches JSON keys case-insensitively
        var names = n.fieldNames();
        while (names.hasNext()) {
          String k = names.next();
          if (k.equalsIgnoreCase(field)) {
            c = n.get(k);
            break;
          }
        }
      }
      if (c != null) {
        next.add(c);
      }
    } else if (m.group(3) != null) {
      JsonNode c = n.get(Integer.parseInt(m.group(3)));
      if (c != null) {
        next.add(c);
      }
    } else {
      String slice = m.group(4).trim();
      int from = slice.equals("*") ? 0 : Integer.parseInt(slice.replace(":", "").trim());
      for (int i = from; i < n.size(); i++) {
        next.add(n.get(i));
      }
    }
  }

  /** A text value as the Java object Flink expects for {@code flinkType}. */
  static Object convert(Object value, String flinkType) {
    String s = value.toString();
    String base = flinkType.replaceAll("\\(.*", "").trim();
    return switch (base) {
      case "VARCHAR", "CHAR" -> s;
      case "BOOLEAN" -> parseBoolean(s);
      case "TINYINT" -> Byte.valueOf(new BigDecimal(s.trim()).byteValueExact());
      case "SMALLINT" -> Short.valueOf(new BigDecimal(s.trim()).shortValueExact());
      case "INT" -> Integer.valueOf(new BigDecimal(s.trim()).intValueExact());
      case "BIGINT" -> Long.valueOf(new BigDecimal(s.trim()).longValueExact());
      case "FLOAT" -> Float.valueOf(s.trim());
      case "DOUBLE" -> Double.valueOf(s.trim());
      case "DECIMAL" -> new BigDecimal(s.trim());
      case "DATE" -> LocalDate.parse(s.trim());
      case "TIME" -> LocalTime.parse(s.trim());
      case "TIMESTAMP" -> parseTimestamp(s.trim());
      default -> throw new IllegalArgumentException("no conversion to " + flinkType);
    };
  }

  private static Boolean parseBoolean(String s) {
    if (s.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (s.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("not a boolean: " + s);
  }

  /** SQL timestamps ('2024-01-01 10:00:00.123'), ISO 8601 (with an offset: as UTC), epoch millis. */
  static LocalDateTime parseTimestamp(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(s)), ZoneOffset.UTC);
    }
    var parsed = TIMESTAMP.parse(s);
    LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed),
        LocalTime.of(parsed.get(ChronoField.HOUR_OF_DAY), parsed.get(ChronoField.MINUTE_OF_HOUR),
            parsed.isSupported(ChronoField.SECOND_OF_MINUTE)
                ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
            parsed.isSupported(ChronoField.NANO_OF_SECOND)
                ? parsed.get(ChronoField.NANO_OF_SECOND) : 0));
    if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
      int offset = parsed.get(ChronoField.OFFSET_SECONDS);
      return local.minusSeconds(offset);
    }
    return local;
  }
}
