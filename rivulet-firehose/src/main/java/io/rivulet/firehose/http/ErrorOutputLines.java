package io.rivulet.firehose.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.util.RetryLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Formats the JSON lines Firehose writes to the S3 error output for records an HTTP endpoint or
 * Splunk did not take: {@code attemptsMade}, {@code arrivalTimestamp}, {@code errorCode},
 * {@code errorMessage}, {@code attemptEndingTimestamp}, {@code rawData} (base64), then the
 * destination's own identifying fields. One line per record, each ending in a newline. Stateless
 * and thread-safe.
 */
public final class ErrorOutputLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorOutputLines() {}

  /**
   * The lines for {@code records}, failed with {@code outcome}'s last error; {@code extra} adds
   * the destination's fields to each line.
   */
  public static List<byte[]> of(List<FirehoseRecord> records, RetryLoop.Outcome outcome,
      BiConsumer<FirehoseRecord, ObjectNode> extra) {
    List<byte[]> lines = new ArrayList<>(records.size());
    for (FirehoseRecord record : records) {
      ObjectNode line = JSON.createObjectNode();
      line.put("attemptsMade", outcome.attempts());
      line.put("arrivalTimestamp", record.arrivalMillis());
      line.put("errorCode", outcome.failure().errorCode());
      line.put("errorMessage", outcome.failure().getMessage());
      line.put("attemptEndingTimestamp", outcome.endedMillis());
      line.put("rawData", Base64.getEncoder().encodeToString(record.data()));
      extra.accept(record, line);
      try {
        lines.add((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("an object node always serializes", e);
      }
    }
    return lines;
  }
}
