package io.rivulet.cloudwatch;

import io.rivulet.cloudwatch.MetricStore.Series;
import io.rivulet.cloudwatch.MetricStore.Stats;
import java.util.List;
import java.util.Map;

/**
 * Renders the metric store in the Prometheus text exposition format (0.0.4): one gauge family per
 * CloudWatch metric name, {@code rivulet_cloudwatch_<MetricName>}, with labels {@code namespace},
 * one per dimension and {@code stat} (sum, count, min, max) — the latest datum's statistics.
 * Names are sanitised to Prometheus' alphabet ({@code [a-zA-Z0-9_:]}, others become {@code _}).
 * Stateless.
 */
public final class PrometheusText {
  static final String PREFIX = "rivulet_cloudwatch_";

  private PrometheusText() {}

  public static String render(MetricStore store) {
    StringBuilder sb = new StringBuilder();
    String family = null;
    List<Map.Entry<Series, Stats>> all = store.snapshot();
    for (Map.Entry<Series, Stats> e : all) {
      String name = PREFIX + sanitise(e.getKey().metricName(), false);
      if (!name.equals(family)) {
        family = name;
        sb.append("# HELP ").append(name).append(" CloudWatch metric ").append(escapeHelp(e.getKey().metricName()))
            .append(" (latest datum received by PutMetricData)\n");
        sb.append("# TYPE ").append(name).append(" gauge\n");
      }
      Stats s = e.getValue();
      line(sb, name, e.getKey(), "sum", s.sum());
      line(sb, name, e.getKey(), "count", s.sampleCount());
      line(sb, name, e.getKey(), "min", s.minimum());
      line(sb, name, e.getKey(), "max", s.maximum());
    }
    sb.append("# HELP rivulet_cloudwatch_dropped_datums_total Datums refused because ")
        .append(MetricStore.MAX_SERIES).append(" series are already kept\n");
    sb.append("# TYPE rivulet_cloudwatch_dropped_datums_total counter\n");
    sb.append("rivulet_cloudwatch_dropped_datums_total ").append(store.dropped()).append('\n');
    return sb.toString();
  }

  private static void line(StringBuilder sb, String name, Series series, String stat, double value) {
    sb.append(name).append("{namespace=\"").append(escape(series.namespace())).append('"');
    for (Map.Entry<String, String> d : series.dimensions().entrySet()) {
      String label = sanitise(d.getKey(), true);
      if (label.equals("namespace") || label.equals("stat") || label.startsWith("__")) {
        label = "dimension_" + label;
      }
      sb.append(',').append(label).append("=\"").append(escape(d.getValue())).append('"');
    }
    sb.append(",stat=\"").append(stat).append("\"} ").append(number(value)).append('\n');
  }

  /** A metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}). */
  static String sanitise(String name, boolean label) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!label && c == ':')
          || (i > 0 && c >= '0' && c <= '9');
      sb.append(ok ? c : '_');
    }
    return sb.length() == 0 ? "_" : sb.toString();
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
