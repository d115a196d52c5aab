package io.rivulet.firehose.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The input side of record format conversion: Firehose's {@code OpenXJsonSerDe} or
 * {@code HiveJsonSerDe}, turning one record's JSON into rows of the table. A record may hold
 * several JSON objects one after another ({@code {"a":1}{"a":2}}), each a row; a record that is
 * not JSON fails with {@link ConversionException#PARSE_ERROR}, one whose values do not fit the
 * columns with {@link ConversionException#MALFORMED_DATA}. Keys the table does not have are
 * ignored, columns the JSON does not have are null. Immutable and thread-safe.
 *
 * <p>OpenX: keys are lower-cased first when {@code CaseInsensitive} (the default), dots in keys
 * become underscores when {@code ConvertDotsInJsonKeysToUnderscores}, and
 * {@code ColumnToJsonKeyMappings} names the JSON key of a top-level column; it reads numbers and
 * booleans given as strings, and JSON objects or arrays into string columns as their JSON text.
 * Hive: keys match columns case-insensitively; numeric columns take JSON numbers only, and
 * nested JSON does not go into a string column.
 */
final class JsonDeserializer {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final boolean openX;
  private final boolean caseInsensitive;
  private final boolean dotsToUnderscores;
  /** Column name to (normalised) JSON key. */
  private final Map<String, String> columnKeys;
  private final JsonValues values;

  private JsonDeserializer(boolean openX, boolean caseInsensitive, boolean dotsToUnderscores,
      Map<String, String> columnToJsonKey, TimestampParser timestamps) {
    this.openX = openX;
    this.caseInsensitive = caseInsensitive;
    this.dotsToUnderscores = dotsToUnderscores;
    Map<String, String> keys = new HashMap<>();
    columnToJsonKey.forEach((column, key) -> keys.put(column.toLowerCase(Locale.ROOT), key(key)));
    this.columnKeys = Map.copyOf(keys);
    this.values = new JsonValues(openX, timestamps);
  }

  /** The OpenX JSON SerDe with its three options (AWS's defaults: false, true, none). */
  static JsonDeserializer openX(boolean caseInsensitive, boolean dotsToUnderscores,
      Map<String, String> columnToJsonKey) {
    return new JsonDeserializer(true, caseInsensitive, dotsToUnderscores, columnToJsonKey,
        TimestampParser.openX());
  }

  /** The Hive JSON SerDe with its {@code TimestampFormats} (null: the default format only). */
  static JsonDeserializer hive(List<String> timestampFormats) {
    return new JsonDeserializer(false, true, false, Map.of(),
        TimestampParser.hive(timestampFormats));
  }

  /**
   * Checks that the SerDe can read tables of {@code schema}: the Hive SerDe does not allow dots in
   * column names.
   */
  void check(TableSchema schema) throws ConversionException {
    if (!openX) {
      checkNoDots(schema.row());
    }
  }

  private static void checkNoDots(HiveType type) throws ConversionException {
    if (type instanceof HiveType.Struct s) {
      for (HiveType.Field f : s.fields()) {
        if (f.name().indexOf('.') >= 0) {
          throw new ConversionException(ConversionException.INVALID_SCHEMA, "The schema is invalid."
              + " The Hive JSON SerDe does not allow periods in column names: '" + f.name() + "'.");
        }
        checkNoDots(f.type());
      }
    } else if (type instanceof HiveType.ListOf l) {
      checkNoDots(l.element());
    } else if (type instanceof HiveType.MapOf m) {
      checkNoDots(m.value());
    }
  }

  /** The rows of one record, in order. */
  List<Object[]> rows(byte[] record, TableSchema schema) throws ConversionException {
    List<JsonNode> documents = parse(record);
    List<Object[]> rows = new ArrayList<>(documents.size());
    for (JsonNode document : documents) {
      if (!document.isObject()) {
        throw new ConversionException(ConversionException.MALFORMED_DATA, "A record must be a JSON"
            + " object (or several, one after another), not a JSON " + kind(document) + ".");
      }
      rows.add(struct(document, schema.row(), "", true));
    }
    return rows;
  }

  private static List<JsonNode> parse(byte[] record) throws ConversionException {
    List<JsonNode> documents = new ArrayList<>(1);
    try (JsonParser parser = JSON.createParser(record)) {
      while (parser.nextToken() != null) {
        documents.add(JSON.readTree(parser));
      }
    } catch (JsonProcessingException e) {
      throw new ConversionException(ConversionException.PARSE_ERROR,
          "Encountered malformed JSON. " + GlueTableJson.firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConversionException(ConversionException.PARSE_ERROR,
          "Encountered malformed JSON. " + e.getMessage());
    }
    if (documents.isEmpty()) {
      throw new ConversionException(ConversionException.PARSE_ERROR,
          "Encountered malformed JSON. The record is empty.");
    }
    return documents;
  }

  /** A JSON key as this SerDe compares it with column names. */
  String key(String jsonKey) {
    String k = dotsToUnderscores ? jsonKey.replace('.', '_') : jsonKey;
    return caseInsensitive ? k.toLowerCase(Locale.ROOT) : k;
  }

  Object[] struct(JsonNode object, HiveType.Struct type, String path, boolean top)
      throws ConversionException {
    Map<String, JsonNode> byKey = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      byKey.put(key(e.getKey()), e.getValue());
    }
    List<HiveType.Field> fields = type.fields();
    Object[] row = new Object[fields.size()];
    for (int i = 0; i < row.length; i++) {
      HiveType.Field f = fields.get(i);
      String jsonKey = top ? columnKeys.getOrDefault(f.name(), f.name()) : f.name();
      row[i] = value(byKey.get(jsonKey), f.type(), path.isEmpty() ? f.name() : path + "." + f.name());
    }
    return row;
  }

  /** The value of {@code node} (null or missing: null) as {@code type}. */
  Object value(JsonNode node, HiveType type, String path) throws ConversionException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (type instanceof HiveType.Struct s) {
      requireObject(node, type, path);
      return struct(node, s, path, false);
    }
    if (type instanceof HiveType.ListOf l) {
      if (!node.isArray()) {
        throw JsonValues.mismatch(path, type, node);
      }
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode element : node) {
        list.add(value(element, l.element(), path + "[]"));
      }
      return list;
    }
    if (type instanceof HiveType.MapOf m) {
      requireObject(node, type, path);
      Map<Object, Object> map = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String key = key(e.getKey());
        Object k = values.mapKey(key, m.key(), path);
        if (k == null) {
          throw JsonValues.mismatch(path + " (key)", m.key(), new TextNode(key));
        }
        map.put(k, value(e.getValue(), m.value(), path + "." + key));
      }
      return map;
    }
    return values.scalar(node, type, path);
  }

  private static void requireObject(JsonNode node, HiveType type, String path)
      throws ConversionException {
    if (!node.isObject()) {
      throw JsonValues.mismatch(path, type, node);
    }
  }

  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
