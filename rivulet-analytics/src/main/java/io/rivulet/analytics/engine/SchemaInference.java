package io.rivulet.analytics.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Infers a SourceSchema from sample records: JSON when every record is a JSON object (nested
 * objects flattened, each leaf a column mapped by its JSON path), else CSV when every line splits
 * on commas into the same number of fields ({@code COL1}, {@code COL2}, ...). SQL types: BOOLEAN,
 * INTEGER or BIGINT, DOUBLE, TIMESTAMP and DATE for ISO-looking strings, else VARCHAR(n) with n the
 * longest value rounded up to a power of two. Stateless and thread-safe.
 */
public final class SchemaInference {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+([eE][-+]?\\d+)?");
  /** Words of the SQL dialect a column may not be named; such names get a COL_ prefix. */
  private static final Set<String> RESERVED = Set.of("TIME", "TIMESTAMP", "DATE", "ROWTIME",
      "USER", "VALUE", "ORDER", "GROUP", "SELECT", "FROM", "WHERE", "TABLE", "STREAM", "WINDOW",
      "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "COUNT", "SUM", "MIN", "MAX", "AVG");

  private SchemaInference() {}

  /** An inferred schema and the sample as parsed by it (one list of field texts per record). */
  public record Result(Map<String, Object> schema, List<List<String>> parsed) {}

  /** The schema of the sample, or null when none fits. */
  public static Result infer(List<String> records) {
    Result json = json(records);
    return json != null ? json : csv(records);
  }

  private static Result json(List<String> records) {
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    Map<String, List<String>> columns = new LinkedHashMap<>(); // JSON path -> leaf names
    for (String r : records) {
      JsonNode node;
      try {
        node = JSON.readTree(r);
      } catch (java.io.IOException e) {
        return null;
      }
      if (node == null || !node.isObject()) {
        return null;
      }
      Map<String, JsonNode> leaves = new LinkedHashMap<>();
      flatten("$", node, leaves, columns, new ArrayList<>());
      rows.add(leaves);
    }
    List<Object> cols = new ArrayList<>();
    List<List<String>> parsed = new ArrayList<>();
    rows.forEach(x -> parsed.add(new ArrayList<>()));
    Set<String> used = new java.util.HashSet<>();
    for (Map.Entry<String, List<String>> c : columns.entrySet()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonNode v = rows.get(i).get(c.getKey());
        String text = v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
        values.add(text);
        parsed.get(i).add(text == null ? "" : text);
      }
      Map<String, Object> col = new LinkedHashMap<>();
      col.put("Name", name(c.getValue(), used));
      col.put("Mapping", c.getKey());
      col.put("SqlType", jsonType(c.getKey(), rows, values));
      cols.add(col);
    }
    if (cols.isEmpty()) {
      return null;
    }
    Map<String, Object> format = new LinkedHashMap<>();
    format.put("RecordFormatType", "JSON");
    format.put("MappingParameters", Map.of("JSONMappingParameters", Map.of("RecordRowPath", "$")));
    return new Result(schema(format, cols), parsed);
  }

  private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves,
      Map<String, List<String>> columns, List<String> names) {
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      List<String> here = new ArrayList<>(names);
      here.add(f.getKey());
      String p = path + "." + f.getKey();
      if (f.getValue().isObject() && f.getValue().size() > 0) {
        flatten(p, f.getValue(), leaves, columns, here);
      } else {
        leaves.put(p, f.getValue());
        columns.putIfAbsent(p, here);
      }
    }
  }

  private static String jsonType(String path, List<Map<String, JsonNode>> rows, List<String> texts) {
    boolean allBool = true;
    boolean allInt = true;
    boolean allNumber = true;
    boolean any = false;
    for (Map<String, JsonNode> row : rows) {
      JsonNode v = row.get(path);
      if (v == null || v.isNull()) {
        continue;
      }
      any = true;
      allBool &= v.isBoolean();
      allInt &= v.isIntegralNumber();
      allNumber &= v.isNumber();
    }
    if (!any) {
      return "VARCHAR(1)";
    }
    if (allBool) {
      return "BOOLEAN";
    }
    if (allInt) {
      return fitsInt(texts) ? "INTEGER" : "BIGINT";
    }
    if (allNumber) {
      return "DOUBLE";
    }
    return textType(texts);
  }

  private static Result csv(List<String> records) {
    List<List<String>> parsed = new ArrayList<>();
    int width = -1;
    for (String r : records) {
      List<String> fields = List.of(r.split(",", -1));
      if (width >= 0 && fields.size() != width) {
        return null;
      }
      width = fields.size();
      parsed.add(fields);
    }
    if (width < 2) {
      return null;
    }
    List<Object> cols = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      List<String> values = new ArrayList<>();
      for (List<String> row : parsed) {
        values.add(row.get(c).isEmpty() ? null : row.get(c));
      }
      Map<String, Object> col = new LinkedHashMap<>();
      col.put("Name", "COL" + (c + 1));
      col.put("SqlType", csvType(values));
      cols.add(col);
    }
    Map<String, Object> format = new LinkedHashMap<>();
    format.put("RecordFormatType", "CSV");
    format.put("MappingParameters", Map.of("CSVMappingParameters",
        Map.of("RecordRowDelimiter", "\n", "RecordColumnDelimiter", ",")));
    return new Result(schema(format, cols), parsed);
  }

  private static String csvType(List<String> values) {
    List<String> present = values.stream().filter(v -> v != null).toList();
    if (present.isEmpty()) {
      return "VARCHAR(1)";
    }
    if (present.stream().allMatch(v -> v.equals("true") || v.equals("false"))) {
      return "BOOLEAN";
    }
    if (present.stream().allMatch(v -> INTEGER.matcher(v).matches())) {
      return fitsInt(present) ? "INTEGER" : "BIGINT";
    }
    if (present.stream().allMatch(v -> INTEGER.matcher(v).matches() || DECIMAL.matcher(v).matches())) {
      return "DOUBLE";
    }
    return textType(present);
  }

  private static boolean fitsInt(List<String> texts) {
    for (String t : texts) {
      if (t != null) {
        try {
          Integer.parseInt(t);
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return true;
  }

  private static String textType(List<String> texts) {
    List<String> present = texts.stream().filter(v -> v != null).toList();
    if (!present.isEmpty() && present.stream().allMatch(v -> TIMESTAMP.matcher(v).matches())) {
      return "TIMESTAMP";
    }
    if (!present.isEmpty() && present.stream().allMatch(v -> DATE.matcher(v).matches())) {
      return "DATE";
    }
    int longest = present.stream().mapToInt(String::length).max().orElse(1);
    int n = 1;
    while (n < longest) {
      n <<= 1;
    }
    return "VARCHAR(" + n + ")";
  }

  /** A column name: the leaf name (the path joined by _ when taken), COL_ before reserved words. */
  private static String name(List<String> path, Set<String> used) {
    String leaf = clean(path.get(path.size() - 1));
    String name = used.contains(leaf) ? clean(String.join("_", path)) : leaf;
    if (RESERVED.contains(name.toUpperCase(java.util.Locale.ROOT)) || name.isEmpty()) {
      name = "COL_" + name;
    }
    while (!used.add(name)) {
      name = name + "_";
    }
    return name;
  }

  private static String clean(String s) {
    return s.replaceAll("[-\\s<>&]", "_");
  }

  private static Map<String, Object> schema(Map<String, Object> format, List<Object> columns) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("RecordFormat", format);
    schema.put("RecordEncoding", "UTF-8");
    schema.put("RecordColumns", columns);
    return schema;
  }
}
