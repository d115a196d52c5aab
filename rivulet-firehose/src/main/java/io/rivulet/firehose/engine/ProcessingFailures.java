package io.rivulet.firehose.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.firehose.pipeline.FailedRecord;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The lines Firehose writes to the {@code processing-failed} error output, one JSON object per
 * record: {@code attemptsMade}, {@code arrivalTimestamp}, {@code errorCode}, {@code errorMessage},
 * {@code attemptEndingTimestamp}, {@code rawData} (base64) and {@code lambdaArn} (when a Lambda
 * processor is configured). Stateless and thread-safe.
 */
final class ProcessingFailures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProcessingFailures() {}

  static List<byte[]> lines(List<FailedRecord> failed, long endedMillis, String lambdaArn) {
    List<byte[]> out = new ArrayList<>(failed.size());
    for (FailedRecord f : failed) {
      ObjectNode line = JSON.createObjectNode();
      line.put("attemptsMade", f.attemptsMade());
      line.put("arrivalTimestamp", f.record().arrivalMillis());
      line.put("errorCode", f.errorCode());
      line.put("errorMessage", f.errorMessage());
      line.put("attemptEndingTimestamp", endedMillis);
      line.put("rawData", Base64.getEncoder().encodeToString(f.record().data()));
      if (lambdaArn != null) {
        line.put("lambdaArn", lambdaArn);
      }
      try {
        out.add((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
