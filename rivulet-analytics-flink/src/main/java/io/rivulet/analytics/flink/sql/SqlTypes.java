package io.rivulet.analytics.flink.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL-1_0 column types (RecordColumn SqlType, CREATE STREAM columns) as Flink SQL types. SQL-1_0
 * types follow SQLstream: REAL is 4 bytes, FLOAT and DOUBLE 8, TIMESTAMP has milliseconds.
 * Stateless, so thread-safe.
 */
final class SqlTypes {
  private static final Pattern TYPE = Pattern.compile(
      "\\s*([A-Za-z]+(?:\\s+[A-Za-z]+)*)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

  private SqlTypes() {}

  /** The Flink SQL type for a SQL-1_0 type such as {@code VARCHAR(4)} or {@code REAL}. */
  static String flinkType(String sqlType) throws TranslationException {
    Matcher m = TYPE.matcher(sqlType);
    if (!m.matches()) {
      throw new TranslationException("unknown SQL type '" + sqlType + "'");
    }
    String base = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    String p = m.group(2);
    String s = m.group(3);
    return switch (base) {
      case "VARCHAR", "CHARACTER VARYING", "CHAR VARYING" -> "VARCHAR(" + (p == null ? "1" : p) + ")";
      case "CHAR", "CHARACTER" -> "CHAR(" + (p == null ? "1" : p) + ")";
      case "VARBINARY", "BINARY VARYING" -> "VARBINARY(" + (p == null ? "1" : p) + ")";
      case "BINARY" -> "BINARY(" + (p == null ? "1" : p) + ")";
      case "BOOLEAN" -> "BOOLEAN";
      case "TINYINT" -> "TINYINT";
      case "SMALLINT" -> "SMALLINT";
      case "INTEGER", "INT" -> "INT";
      case "BIGINT" -> "BIGINT";
      case "REAL" -> "FLOAT";
      case "FLOAT", "DOUBLE", "DOUBLE PRECISION" -> "DOUBLE";
      case "DECIMAL", "NUMERIC", "DEC" ->
          "DECIMAL(" + (p == null ? "10" : p) + ", " + (s == null ? "0" : s) + ")";
      case "DATE" -> "DATE";
      case "TIME" -> "TIME(0)";
      case "TIMESTAMP" -> "TIMESTAMP(3)";
      default -> throw new TranslationException("unknown SQL type '" + sqlType + "'");
    };
  }
}
