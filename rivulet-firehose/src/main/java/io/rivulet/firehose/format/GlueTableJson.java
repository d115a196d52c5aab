package io.rivulet.firehose.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a table's columns from the JSON Glue itself uses, in any of the forms a user is likely to
 * have at hand: a {@code StorageDescriptor} ({@code {"Columns":[...]}}), a {@code Table} or
 * {@code TableInput} ({@code {"StorageDescriptor":{...}}}), or the output of
 * {@code aws glue get-table} / {@code get-table-version} ({@code {"Table":{...}}},
 * {@code {"TableVersion":{"Table":{...}}}}). Partition keys are not columns of the converted files,
 * as on AWS. Stateless and thread-safe.
 */
final class GlueTableJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GlueTableJson() {}

  static List<SchemaCatalog.Column> columns(byte[] json, String where)
      throws ConversionException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw invalid(where + " is not JSON: " + firstLine(e.getMessage()));
    }
    JsonNode node = root;
    if (node != null && node.has("TableVersion")) {
      node = node.get("TableVersion");
    }
    if (node != null && node.has("Table")) {
      node = node.get("Table");
    }
    if (node != null && node.has("StorageDescriptor")) {
      node = node.get("StorageDescriptor");
    }
    if (node == null || !node.isObject() || !node.has("Columns")) {
      throw new ConversionException(ConversionException.NON_EXISTENT_COLUMNS,
          "Could not find any columns to convert in " + where + ". It needs a StorageDescriptor"
              + " with Columns: {\"Columns\":[{\"Name\":\"...\",\"Type\":\"...\"}]}.");
    }
    JsonNode columns = node.get("Columns");
    if (!columns.isArray()) {
      throw invalid(where + ": Columns must be a list of {\"Name\",\"Type\"}.");
    }
    List<SchemaCatalog.Column> out = new ArrayList<>();
    for (JsonNode c : columns) {
      JsonNode name = c.get("Name");
      JsonNode type = c.get("Type");
      if (name == null || !name.isTextual() || type == null || !type.isTextual()) {
        throw invalid(where + ": every column needs a string Name and Type, not " + c + ".");
      }
      out.add(new SchemaCatalog.Column(name.asText(), type.asText()));
    }
    return out;
  }

  private static ConversionException invalid(String message) {
    return new ConversionException(ConversionException.INVALID_SCHEMA,
        "The schema is invalid. " + message);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
