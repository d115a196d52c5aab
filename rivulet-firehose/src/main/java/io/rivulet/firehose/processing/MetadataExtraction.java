package io.rivulet.firehose.processing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * MetadataExtraction (dynamic partitioning): runs the {@code MetadataExtractionQuery}, a jq 1.6
 * program such as {@code {customer_id: .customer_id, year: .event.year}}, over each record parsed
 * as JSON, and adds the fields of the object it yields to the record's partition keys (used by
 * {@code !{partitionKeyFromQuery:name}} in S3 prefixes). A record that is not one JSON value, or
 * for which the query fails or yields anything but one object of non-null scalar values, fails
 * with {@code DynamicPartitioning.MetadataExtractionFailed}. Thread-safe (the compiled query and
 * the root scope are only read).
 */
final class MetadataExtraction extends PerRecordProcessor {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Scope ROOT = rootScope();

  private final JsonQuery query;

  MetadataExtraction(String query) {
    super(ProcessingErrors.METADATA_EXTRACTION_FAILED);
    this.query = compile(query);
  }

  /** Compiles a jq 1.6 query; InvalidArgumentException when it is not one. */
  static JsonQuery compile(String query) {
    try {
      return JsonQuery.compile(query, Versions.JQ_1_6);
    } catch (JsonQueryException | RuntimeException e) {
      throw ProcessingConfig.badValue(ProcessorType.METADATA_EXTRACTION, "MetadataExtractionQuery",
          query, "not a valid JQ-1.6 query (" + firstLine(e.getMessage()) + ")");
    }
  }

  @Override
  void apply(FirehoseRecord r, List<FirehoseRecord> out) throws RecordFailure {
    Map<String, String> keys = new LinkedHashMap<>(r.partitionKeys());
    keys.putAll(extract(r.data()));
    out.add(r.withPartitionKeys(keys));
  }

  /** The partition keys the query yields for one record. */
  Map<String, String> extract(byte[] data) throws RecordFailure {
    JsonNode input;
    try {
      input = JSON.readTree(data);
    } catch (IOException e) {
      input = null;
    }
    if (input == null || input.isMissingNode()) {
      throw new RecordFailure("Non JSON record provided");
    }
    List<JsonNode> out = new ArrayList<>(1);
    try {
      query.apply(Scope.newChildScope(ROOT), input, out::add);
    } catch (JsonQueryException | RuntimeException e) {
      throw new RecordFailure("Failed to evaluate the MetadataExtractionQuery: "
          + firstLine(e.getMessage()));
    }
    if (out.size() != 1 || !out.get(0).isObject()) {
      throw new RecordFailure("The MetadataExtractionQuery must yield one JSON object of"
          + " partition keys; it yielded " + describe(out));
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : out.get(0).properties()) {
      JsonNode v = field.getValue();
      if (v.isNull() || v.isContainerNode()) {
        throw new RecordFailure("The partition key " + field.getKey() + " is "
            + (v.isNull() ? "null (missing from the record)" : "not a scalar value"));
      }
      keys.put(field.getKey(), v.asText());
    }
    return keys;
  }

  private static String describe(List<JsonNode> out) {
    if (out.isEmpty()) {
      return "nothing";
    }
    return out.size() > 1 ? out.size() + " values" : out.get(0).getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static Scope rootScope() {
    Scope scope = Scope.newEmptyScope();
    BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, scope);
    return scope;
  }
}
