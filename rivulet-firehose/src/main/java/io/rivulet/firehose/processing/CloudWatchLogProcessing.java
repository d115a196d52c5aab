package io.rivulet.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CloudWatchLogProcessing with {@code DataMessageExtraction} true: after Decompression, replaces
 * each CloudWatch Logs subscription payload
 * ({@code {"messageType":"DATA_MESSAGE","owner":…,"logGroup":…,"logStream":…,
 * "subscriptionFilters":[…],"logEvents":[{"id":…,"timestamp":…,"message":…},…]}}) by its log
 * messages, each followed by a newline, as Firehose's message extraction delivers them (one record
 * per payload). CONTROL_MESSAGE payloads (CloudWatch Logs' reachability checks) and payloads with
 * no log events are dropped. Anything else fails with {@link ProcessingErrors#DECOMPRESSION_FAILED}
 * (Firehose reports extraction failures with decompression failures). Thread-safe (immutable).
 */
final class CloudWatchLogProcessing extends PerRecordProcessor {

  CloudWatchLogProcessing() {
    super(ProcessingErrors.DECOMPRESSION_FAILED);
  }

  @Override
  void apply(FirehoseRecord r, List<FirehoseRecord> out) throws RecordFailure {
    try {
      byte[] messages = extract(r.data());
      if (messages != null) {
        out.add(r.withData(messages));
      }
    } catch (IOException e) {
      throw new RecordFailure("Message extraction failed: " + e.getMessage());
    }
  }

  /** The newline-terminated messages of a payload, or null when it carries none to deliver. */
  static byte[] extract(byte[] payload) throws IOException {
    JsonNode root = Decompression.readJson(payload);
    String type = root.path("messageType").asText("");
    if (type.equals("CONTROL_MESSAGE")) {
      return null;
    }
    JsonNode events = root.path("logEvents");
    if (!type.equals("DATA_MESSAGE") || !events.isArray()) {
      throw new IOException("the record is not a CloudWatch Logs subscription payload"
          + " (messageType DATA_MESSAGE with logEvents)");
    }
    if (events.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length);
    for (JsonNode event : events) {
      JsonNode message = event.path("message");
      if (!message.isTextual()) {
        throw new IOException("a log event has no message");
      }
      out.writeBytes(message.asText().getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
    return out.toByteArray();
  }
}
