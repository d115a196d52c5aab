package io.rivulet.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.cloudwatch.MetricStore.Series;
import io.rivulet.cloudwatch.MetricStore.Stats;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.TreeMap;

/**
 * PutMetricData: reads the request (the same members in CBOR, JSON or awsQuery form fields) and
 * stores each datum's statistics. A datum carries {@code StatisticValues}, a single {@code Value},
 * or {@code Values} with optional {@code Counts}. Thread-safe.
 */
final class PutMetricData {
  static final int MAX_DATUMS = 1000;
  /** Parts of the longest awsQuery key, {@code MetricData.member.N.StatisticValues.SampleCount}, and room. */
  static final int MAX_KEY_PARTS = 16;

  private final MetricStore store;
  private final Clock clock;

  PutMetricData(MetricStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Stores the datums of a parsed request body; {@link CloudWatchError.Failure} if it is invalid. */
  void handle(JsonNode body) {
    String namespace = text(body, "Namespace");
    if (namespace == null || namespace.isEmpty()) {
      throw CloudWatchError.MISSING_PARAMETER.failure("The parameter Namespace is required.");
    }
    JsonNode data = body.get("MetricData");
    if (data == null || !data.isArray()) {
      throw CloudWatchError.MISSING_PARAMETER.failure("The parameter MetricData is required.");
    }
    if (data.size() > MAX_DATUMS) {
      throw CloudWatchError.INVALID_PARAMETER_VALUE.failure(
          "The collection MetricData must not have a size greater than " + MAX_DATUMS + ".");
    }
    for (JsonNode datum : data) {
      String name = text(datum, "MetricName");
      if (name == null || name.isEmpty()) {
        throw CloudWatchError.MISSING_PARAMETER.failure("The parameter MetricData.member.MetricName is required.");
      }
      TreeMap<String, String> dimensions = new TreeMap<>();
      JsonNode dims = datum.get("Dimensions");
      if (dims != null) {
        for (JsonNode d : dims) {
          String dimension = text(d, "Name");
          String value = text(d, "Value");
          if (dimension == null || value == null) { // was a NullPointerException (found by fuzzing)
            throw CloudWatchError.MISSING_PARAMETER.failure(
                "The parameter MetricData.member.Dimensions.member." + (dimension == null ? "Name" : "Value") + " is required.");
          }
          dimensions.put(dimension, value);
        }
      }
      store.put(new Series(namespace, name, dimensions), stats(datum));
    }
  }

  private Stats stats(JsonNode datum) {
    String unit = text(datum, "Unit");
    long ts = clock.millis();
    JsonNode sv = datum.get("StatisticValues");
    if (sv != null && sv.isObject()) {
      return new Stats(num(sv, "SampleCount"), num(sv, "Sum"), num(sv, "Minimum"), num(sv, "Maximum"), unit, ts);
    }
    JsonNode values = datum.get("Values");
    if (values != null && values.isArray() && values.size() > 0) {
      JsonNode counts = datum.get("Counts");
      double count = 0;
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < values.size(); i++) {
        double v = values.get(i).asDouble();
        // Counts must be a list too: an object's get(i) is null (a NullPointerException found by fuzzing)
        double c = counts != null && counts.isArray() && counts.size() > i ? counts.get(i).asDouble() : 1;
        count += c;
        sum += v * c;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      return new Stats(count, sum, min, max, unit, ts);
    }
    JsonNode value = datum.get("Value");
    if (value == null) {
      throw CloudWatchError.MISSING_PARAMETER.failure(
          "The parameter MetricData.member.Value, Values or StatisticValues is required.");
    }
    double v = value.asDouble();
    return new Stats(1, v, v, v, unit, ts);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static double num(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw CloudWatchError.MISSING_PARAMETER.failure(
          "The parameter MetricData.member.StatisticValues." + field + " is required.");
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    try {
      return Double.parseDouble(v.asText());
    } catch (NumberFormatException e) { // escaped as a 500 before (found by fuzzing)
      throw CloudWatchError.INVALID_PARAMETER_VALUE.failure(
          "The parameter MetricData.member.StatisticValues." + field + " must be a number.");
    }
  }

  /**
   * An awsQuery form body ({@code Action=PutMetricData&Namespace=...&MetricData.member.1.MetricName=...})
   * as the tree the other protocols parse to: {@code a.member.N.b} becomes {@code a[N-1].b}.
   */
  static ObjectNode fromForm(String body) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      String[] parts = key.split("\\.");
      if (parts.length > MAX_KEY_PARTS) { // insert recurses per part: a StackOverflowError before (fuzzing)
        throw CloudWatchError.INVALID_PARAMETER_VALUE.failure("The parameter " + key + " is not recognized.");
      }
      insert(root, parts, 0, value);
    }
    return root;
  }

  private static void insert(ObjectNode node, String[] parts, int i, String value) {
    String name = parts[i];
    if (i == parts.length - 1) {
      node.put(name, value);
      return;
    }
    if (parts[i + 1].equals("member") && i + 2 < parts.length) {
      int index = Integer.parseInt(parts[i + 2]) - 1;
      if (index < 0 || index >= MAX_DATUMS) { // member.2147483647 allocated that many objects before (fuzzing)
        throw CloudWatchError.INVALID_PARAMETER_VALUE.failure(
            "The member index " + parts[i + 2] + " of " + name + " is not between 1 and " + MAX_DATUMS + ".");
      }
      com.fasterxml.jackson.databind.node.ArrayNode array = node.has(name) && node.get(name).isArray()
          ? (com.fasterxml.jackson.databind.node.ArrayNode) node.get(name) : node.putArray(name);
      while (array.size() <= index) {
        array.addObject();
      }
      if (i + 3 == parts.length) {
        array.set(index, JsonNodeFactory.instance.textNode(value));
      } else {
        insert((ObjectNode) array.get(index), parts, i + 3, value);
      }
      return;
    }
    ObjectNode child = node.has(name) && node.get(name).isObject() ? (ObjectNode) node.get(name) : node.putObject(name);
    insert(child, parts, i + 1, value);
  }
}
