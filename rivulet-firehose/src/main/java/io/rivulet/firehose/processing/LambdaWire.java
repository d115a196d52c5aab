package io.rivulet.firehose.processing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Firehose exchanges with a transformation function. Request (the Invoke payload):
 * <pre>
 * {"invocationId": "…", "deliveryStreamArn": "…", "region": "…",
 *  "sourceKinesisStreamArn": "…",                        (Kinesis-stream sources only)
 *  "records": [{"recordId": "…", "approximateArrivalTimestamp": 1700000000000,
 *               "data": "&lt;base64&gt;",
 *               "kinesisRecordMetadata": {"shardId": "…", "partitionKey": "…",    (when known)
 *                   "approximateArrivalTimestamp": 1700000000000, "sequenceNumber": "…",
 *                   "subsequenceNumber": 0}}, …]}
 * </pre>
 * Response: {@code {"records": [{"recordId": "…", "result": "Ok" | "Dropped" |
 * "ProcessingFailed", "data": "<base64>", "metadata": {"partitionKeys": {"k": "v"}}}, …]}}.
 * A response that breaks this contract fails the whole invocation (see {@link #parse}). Stateless.
 */
final class LambdaWire {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Bytes of a request besides its records' entries (keys, ids, ARNs), generously. */
  static final int ENVELOPE_BYTES = 1024;

  /** What the function made of one record. {@code data} is null unless the result is Ok. */
  record Reply(String result, byte[] data, Map<String, String> partitionKeys) {}

  private LambdaWire() {}

  /** The Invoke payload for one invocation. */
  static byte[] request(String invocationId, String deliveryStreamArn, String region,
      String sourceKinesisStreamArn, List<FirehoseRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("invocationId", invocationId);
      g.writeStringField("deliveryStreamArn", deliveryStreamArn);
      g.writeStringField("region", region);
      if (sourceKinesisStreamArn != null) {
        g.writeStringField("sourceKinesisStreamArn", sourceKinesisStreamArn);
      }
      g.writeArrayFieldStart("records");
      for (FirehoseRecord r : records) {
        g.writeStartObject();
        g.writeStringField("recordId", r.recordId());
        g.writeNumberField("approximateArrivalTimestamp", r.arrivalMillis());
        g.writeStringField("data", Base64.getEncoder().encodeToString(r.data()));
        KinesisRecordMetadata m = r.kinesisRecordMetadata();
        if (m != null) {
          g.writeObjectFieldStart("kinesisRecordMetadata");
          g.writeStringField("shardId", m.shardId());
          g.writeStringField("partitionKey", m.partitionKey());
          g.writeNumberField("approximateArrivalTimestamp", m.approximateArrivalTimestamp());
          g.writeStringField("sequenceNumber", m.sequenceNumber());
          g.writeNumberField("subsequenceNumber", m.subsequenceNumber());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An upper bound of the bytes one record adds to a request. */
  static long entryBytes(FirehoseRecord r) {
    KinesisRecordMetadata m = r.kinesisRecordMetadata();
    long metadata = m == null ? 0
        : 200L + 6L * (m.shardId().length() + m.partitionKey().length()
            + m.sequenceNumber().length());
    return 4L * ((r.data().length + 2) / 3) + 6L * r.recordId().length() + 96 + metadata;
  }

  /**
   * The replies by record id. Fails the invocation ({@link InvocationFailure}, not retried) when
   * the payload is not JSON or not the response shape, a result is not one of the three, an Ok
   * record's data is missing or not base64, or a record id comes twice; a payload that is a
   * function's error object ({@code errorMessage}, no {@code records}) is a FunctionError, which
   * is retried. Ids the request did not carry are left out; ids it carried and the function did
   * not return are the caller's to fail (Lambda.MissingRecordId).
   */
  static Map<String, Reply> parse(byte[] payload, Set<String> requestIds)
      throws InvocationFailure {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw shape("the response is not JSON");
    }
    if (root != null && root.isObject() && !root.has("records") && root.has("errorMessage")) {
      throw new InvocationFailure(ProcessingErrors.LAMBDA_FUNCTION_ERROR,
          ProcessingErrors.LAMBDA_FUNCTION_ERROR_MESSAGE + " " + root.path("errorMessage").asText(),
          true);
    }
    if (root == null || !root.path("records").isArray()) {
      throw shape("the response has no records array");
    }
    Map<String, Reply> replies = new HashMap<>();
    for (JsonNode r : root.path("records")) {
      String id = text(r, "recordId");
      Reply reply = reply(id, r);
      if (replies.put(id, reply) != null) {
        throw new InvocationFailure(ProcessingErrors.LAMBDA_DUPLICATED_RECORD_ID,
            ProcessingErrors.LAMBDA_DUPLICATED_RECORD_ID_MESSAGE, false);
      }
    }
    replies.keySet().retainAll(requestIds);
    return replies;
  }

  private static Reply reply(String id, JsonNode r) throws InvocationFailure {
    String result = text(r, "result");
    Map<String, String> keys = partitionKeys(r.path("metadata").path("partitionKeys"));
    switch (result) {
      case "Ok" -> {
        JsonNode data = r.path("data");
        if (!data.isTextual()) {
          throw shape("record " + id + " has result Ok but no data");
        }
        try {
          return new Reply(result, Base64.getDecoder().decode(data.asText()), keys);
        } catch (IllegalArgumentException e) {
          throw new InvocationFailure(ProcessingErrors.LAMBDA_FUNCTION_ERROR,
              "The Lambda function returned data that is not valid base64 for record " + id + ".",
              false);
        }
      }
      case "Dropped", "ProcessingFailed" -> {
        return new Reply(result, null, keys);
      }
      default -> throw shape("record " + id + " has result '" + result
          + "'; the result must be Ok, Dropped or ProcessingFailed");
    }
  }

  private static Map<String, String> partitionKeys(JsonNode node) throws InvocationFailure {
    if (node.isMissingNode() || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw shape("metadata.partitionKeys is not an object");
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw shape("partition key " + e.getKey() + " is not a string");
      }
      keys.put(e.getKey(), e.getValue().asText());
    }
    return keys;
  }

  private static String text(JsonNode r, String field) throws InvocationFailure {
    JsonNode v = r.path(field);
    if (!v.isTextual()) {
      throw shape("a returned record has no " + field);
    }
    return v.asText();
  }

  private static InvocationFailure shape(String detail) {
    return new InvocationFailure(ProcessingErrors.LAMBDA_JSON_PROCESSING,
        ProcessingErrors.LAMBDA_JSON_PROCESSING_MESSAGE + " (" + detail + ")", false);
  }

  /** An invocation that failed as a whole, with Firehose's error code for it. */
  static final class InvocationFailure extends Exception {
    private final String code;
    private final boolean retryable;

    InvocationFailure(String code, String message, boolean retryable) {
      super(message, null, false, false);
      this.code = code;
      this.retryable = retryable;
    }

    String code() {
      return code;
    }

    boolean retryable() {
      return retryable;
    }
  }
}
