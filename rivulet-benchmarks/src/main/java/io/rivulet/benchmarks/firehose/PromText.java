package io.rivulet.benchmarks.firehose;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads the samples of one delivery stream from the server's {@code /metrics} (Prometheus text
 * exposition format): every line {@code name{labels} value} whose labels hold
 * {@code delivery_stream="<name>"}, keyed by metric name (values of the same name with other
 * labels, such as several destinations, are added up). Stateless; thread-safe.
 */
final class PromText {
  static final String INCOMING_RECORDS = "rivulet_firehose_incoming_records_total";
  static final String INCOMING_BYTES = "rivulet_firehose_incoming_bytes_total";
  static final String DELIVERY_SUCCESS = "rivulet_firehose_delivery_success_total";
  static final String DELIVERY_RECORDS = "rivulet_firehose_delivery_records_total";
  static final String DELIVERY_BYTES = "rivulet_firehose_delivery_bytes_total";
  static final String DELIVERY_FAILED = "rivulet_firehose_delivery_failed_records_total";
  static final String FRESHNESS = "rivulet_firehose_delivery_data_freshness_seconds";
  static final String BUFFERED_BYTES = "rivulet_firehose_buffered_bytes";

  private PromText() {}

  /** The values of {@code deliveryStream}'s series in {@code text}, by metric name. */
  static Map<String, Double> values(String text, String deliveryStream) {
    String label = "delivery_stream=\"" + deliveryStream + "\"";
    Map<String, Double> out = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.charAt(0) == '#') {
        continue;
      }
      int brace = line.indexOf('{');
      int close = line.lastIndexOf('}');
      if (brace < 0 || close < brace || !hasLabel(line.substring(brace + 1, close), label)) {
        continue;
      }
      String rest = line.substring(close + 1).trim();
      int space = rest.indexOf(' '); // an optional timestamp follows the value
      String value = space < 0 ? rest : rest.substring(0, space);
      out.merge(line.substring(0, brace), Double.parseDouble(value), Double::sum);
    }
    return out;
  }

  /** Whether {@code labels} (the text between the braces) holds exactly {@code label}. */
  private static boolean hasLabel(String labels, String label) {
    int at = labels.indexOf(label);
    while (at >= 0) {
      boolean starts = at == 0 || labels.charAt(at - 1) == ',';
      int end = at + label.length();
      if (starts && (end == labels.length() || labels.charAt(end) == ',')) {
        return true;
      }
      at = labels.indexOf(label, at + 1);
    }
    return false;
  }
}
