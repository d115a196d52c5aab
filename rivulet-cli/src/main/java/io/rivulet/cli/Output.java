package io.rivulet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints rows as an aligned table or as JSON (an array of objects). Not thread-safe. */
final class Output {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final List<String> columns;
  private final List<Map<String, Object>> rows = new ArrayList<>();

  Output(String... columns) {
    this.columns = List.of(columns);
  }

  Output row(Object... values) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      row.put(columns.get(i), values[i]);
    }
    rows.add(row);
    return this;
  }

  void print(PrintStream out, boolean json) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(rows));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return;
    }
    int[] width = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      width[i] = columns.get(i).length();
      for (Map<String, Object> r : rows) {
        width[i] = Math.max(width[i], String.valueOf(r.get(columns.get(i))).length());
      }
    }
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      header.append(pad(columns.get(i).toUpperCase(java.util.Locale.ROOT), width[i], i));
    }
    out.println(header.toString().stripTrailing());
    for (Map<String, Object> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        line.append(pad(String.valueOf(r.get(columns.get(i))), width[i], i));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private String pad(String s, int width, int column) {
    return column == columns.size() - 1 ? s : s + " ".repeat(width - s.length() + 2);
  }
}
