package io.rivulet.analytics.flink.sql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.InputGroup;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * Writes one row of an output's in-application stream as the record its DestinationSchema asks
 * for: JSON (an object keyed by column name, no trailing newline, as SQL-1_0 writes it) or CSV
 * (comma-separated values and a newline). Timestamps are written {@code yyyy-MM-dd HH:mm:ss.SSS}.
 * Immutable, so thread-safe.
 */
public final class RecordEncodeFunction extends ScalarFunction {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final List<String> columns;
  private final boolean json;

  RecordEncodeFunction(List<String> columns, boolean json) {
    this.columns = List.copyOf(columns);
    this.json = json;
  }

  /** The record for one row's values, in column order. */
  public @DataTypeHint("BYTES") byte[] eval(@DataTypeHint(inputGroup = InputGroup.ANY) Object... values) {
    StringBuilder out = new StringBuilder();
    if (json) {
      out.append('{');
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        jsonString(out, columns.get(i));
        out.append(':');
        jsonValue(out, values[i]);
      }
      out.append('}');
    } else {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(values[i] == null ? "" : text(values[i]));
      }
      out.append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void jsonValue(StringBuilder out, Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long
        || v instanceof Short || v instanceof Byte) {
      out.append(v);
    } else if (v instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
    } else if (v instanceof Float f) {
      out.append(f.isNaN() || f.isInfinite() ? "null" : f.toString());
    } else if (v instanceof BigDecimal b) {
      out.append(b.toPlainString());
    } else {
      jsonString(out, text(v));
    }
  }

  static String text(Object v) {
    if (v instanceof LocalDateTime t) {
      return TS.format(t);
    }
    if (v instanceof java.time.Instant i) {
      return TS.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof byte[] b) {
      return java.util.Base64.getEncoder().encodeToString(b);
    }
    return v.toString();
  }

  private static void jsonString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
