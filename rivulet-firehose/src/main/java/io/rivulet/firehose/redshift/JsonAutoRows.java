package io.rivulet.firehose.redshift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rivulet.firehose.pipeline.DeliveryException;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * JSON 'auto' and 'auto ignorecase': a file of JSON objects, one after another (Firehose
 * concatenates records; whitespace between them is optional), each first-level key loaded into the
 * column of that name. With 'auto' a key must equal the column name exactly (Redshift's column
 * names are lower case, so its keys must be too); with 'auto ignorecase' case does not matter.
 * Keys naming no column are ignored and columns no key names are NULL, as in Redshift. Strings load
 * as they are, numbers as written (plain notation), booleans as true/false, nested objects and
 * arrays as their JSON text, null as NULL. Not thread-safe.
 */
final class JsonAutoRows implements RowSource {
  private static final ObjectReader READER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .readerFor(JsonNode.class);

  private final Reader in;
  private final int columns;
  private final boolean ignoreCase;
  private final Map<String, Integer> index = new HashMap<>();
  private MappingIterator<JsonNode> values;
  private long objectNumber;

  JsonAutoRows(Reader in, TableShape shape, boolean ignoreCase) {
    this.in = in;
    this.columns = shape.size();
    this.ignoreCase = ignoreCase;
    for (int i = 0; i < shape.size(); i++) {
      index.putIfAbsent(key(shape.get(i).name()), i);
    }
  }

  @Override
  public String[] next() throws IOException, DeliveryException {
    JsonNode node;
    try {
      if (values == null) {
        values = READER.readValues(in);
      }
      if (!values.hasNextValue()) {
        return null;
      }
      node = values.nextValue();
    } catch (JsonProcessingException e) {
      throw RedshiftError.DATA_LOAD_FAILED.failure("Invalid JSON after object " + objectNumber
          + ": " + e.getOriginalMessage(), e);
    }
    objectNumber++;
    if (!node.isObject()) {
      throw RedshiftError.DATA_LOAD_FAILED.failure("JSON value " + objectNumber + " is not an"
          + " object; JSON 'auto' loads objects only.");
    }
    String[] row = new String[columns];
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      Integer column = index.get(key(field.getKey()));
      if (column != null) {
        row[column] = text(field.getValue());
      }
    }
    return row;
  }

  private String key(String name) {
    return ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
  }

  private static String text(JsonNode v) {
    if (v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isBigDecimal()) {
      return v.decimalValue().toPlainString();
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    return v.toString();
  }
}
