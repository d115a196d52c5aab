package io.rivulet.analytics.flink.sql;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How records map to rows: an input's InputSchema or a reference data source's ReferenceSchema
 * (RecordFormat JSON with a RecordRowPath, or CSV with row and column delimiters, and
 * RecordColumns with Name, Mapping and SqlType). Immutable, so thread-safe.
 *
 * @param json true for JSON records, false for CSV
 * @param rowPath the JSON RecordRowPath ("$" when absent)
 * @param rowDelimiter the CSV RecordRowDelimiter ("\n" when absent)
 * @param columnDelimiter the CSV RecordColumnDelimiter ("," when absent)
 * @param columns the columns in order
 */
record RecordSchema(
    boolean json, String rowPath, String rowDelimiter, String columnDelimiter, List<Column> columns)
    implements Serializable {

  /**
   * One RecordColumn.
   *
   * @param name the column's name in the in-application stream or table
   * @param mapping the JSON path of its value (JSON), or null
   * @param sqlType its SQL-1_0 type
   * @param flinkType its Flink SQL type
   */
  record Column(String name, String mapping, String sqlType, String flinkType)
      implements Serializable {}

  /** Reads a SourceSchema shape; {@code where} names it in error messages. */
  static RecordSchema parse(Map<String, Object> schema, String where) throws TranslationException {
    if (schema == null) {
      throw new TranslationException(where + " has no schema");
    }
    Map<String, Object> format = Shapes.map(schema, "RecordFormat");
    String type = format == null ? null : Shapes.string(format, "RecordFormatType");
    if (!"JSON".equals(type) && !"CSV".equals(type)) {
      throw new TranslationException(where + ": RecordFormatType must be JSON or CSV, not " + type);
    }
    String encoding = Shapes.string(schema, "RecordEncoding");
    if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
      throw TranslationException.unsupported(where + " RecordEncoding " + encoding);
    }
    Map<String, Object> params = Shapes.map(format, "MappingParameters");
    Map<String, Object> jsonParams = params == null ? null : Shapes.map(params, "JSONMappingParameters");
    Map<String, Object> csvParams = params == null ? null : Shapes.map(params, "CSVMappingParameters");
    String rowPath = jsonParams == null ? null : Shapes.string(jsonParams, "RecordRowPath");
    String rowDelimiter = csvParams == null ? null : Shapes.string(csvParams, "RecordRowDelimiter");
    String colDelimiter = csvParams == null ? null : Shapes.string(csvParams, "RecordColumnDelimiter");
    List<Column> columns = new ArrayList<>();
    for (Map<String, Object> c : Shapes.maps(schema, "RecordColumns")) {
      String name = Shapes.string(c, "Name");
      String sqlType = Shapes.string(c, "SqlType");
      if (name == null || sqlType == null) {
        throw new TranslationException(where + ": every RecordColumn needs Name and SqlType");
      }
      columns.add(new Column(name, Shapes.string(c, "Mapping"), sqlType, SqlTypes.flinkType(sqlType)));
    }
    if (columns.isEmpty()) {
      throw new TranslationException(where + " has no RecordColumns");
    }
    return new RecordSchema("JSON".equals(type), rowPath == null ? "$" : rowPath,
        rowDelimiter == null ? "\n" : rowDelimiter, colDelimiter == null ? "," : colDelimiter,
        List.copyOf(columns));
  }
}
