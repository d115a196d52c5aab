package io.rivulet.firehose.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.firehose.pipeline.FailedRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The JSON documents Firehose writes to the error output, one per failed record (S3Outputs puts
 * one per line). Stateless and thread-safe.
 *
 * <p>Processing and destination failures (processing-failed, http-endpoint-failed, splunk-failed,
 * opensearch/elasticsearch-failed, ...):
 * <pre>{"attemptsMade":4,"arrivalTimestamp":1510254469876,"errorCode":"Lambda.FunctionError",
 * "errorMessage":"...","attemptEndingTimestamp":1510254905348,"rawData":"&lt;base64&gt;", ...extra}</pre>
 * with destination-specific extras appended (e.g. {@code lambdaArn}). Format conversion failures
 * have their own shape ({@code lastErrorCode}, {@code dataCatalogTable}, ...), which the converter
 * writes ({@code RecordFormatConverter.errorOutputLine}).
 */
public final class ErrorRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorRecords() {}

  /**
   * A processing or delivery failure: {@code extra} members (in iteration order) follow the
   * standard ones, e.g. {@code Map.of("lambdaArn", arn)}.
   */
  public static byte[] failure(FailedRecord failed, long attemptEndingMillis, Map<String, ?> extra) {
    ObjectNode n = JSON.createObjectNode();
    n.put("attemptsMade", failed.attemptsMade());
    n.put("arrivalTimestamp", failed.record().arrivalMillis());
    n.put("errorCode", failed.errorCode());
    n.put("errorMessage", failed.errorMessage());
    n.put("attemptEndingTimestamp", attemptEndingMillis);
    n.put("rawData", Base64.getEncoder().encodeToString(failed.record().data()));
    extra.forEach((k, v) -> n.set(k, JSON.valueToTree(v)));
    return bytes(n);
  }

  private static byte[] bytes(ObjectNode n) {
    try {
      return JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  /** The smallest {@code arrivalTimestamp} among error lines, or -1 when none has one. */
  static long oldestArrival(Iterable<byte[]> lines) {
    long oldest = -1;
    for (byte[] line : lines) {
      try {
        long t = JSON.readTree(line).path("arrivalTimestamp").asLong(-1);
        if (t >= 0 && (oldest < 0 || t < oldest)) {
          oldest = t;
        }
      } catch (java.io.IOException e) {
        // not one of Firehose's documents: it still gets written, only not dated by it
      }
    }
    return oldest;
  }
}
