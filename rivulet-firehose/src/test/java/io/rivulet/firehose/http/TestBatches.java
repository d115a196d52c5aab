package io.rivulet.firehose.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordingDeliveryContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Batches for writer tests, and the error output lines they produced, parsed. */
public final class TestBatches {
  public static final String ARN =
      "arn:aws:firehose:us-east-1:000000000000:deliverystream/web-events";
  public static final long T0 = 1_700_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestBatches() {}

  /** Records {@code rec-<offset>} from buffer offset {@code first}, arrived 5 s before T0 on. */
  public static DeliveryBatch batch(long first, String... records) {
    List<FirehoseRecord> list = new ArrayList<>();
    for (int i = 0; i < records.length; i++) {
      list.add(new FirehoseRecord("rec-" + (first + i), T0 - 5_000 + i,
          records[i].getBytes(StandardCharsets.UTF_8)));
    }
    return new DeliveryBatch("web-events", ARN, first, first + records.length - 1, list);
  }

  /** A copy of a configuration map with one member set. */
  public static Map<String, Object> with(Map<String, Object> config, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(config);
    copy.put(key, value);
    return copy;
  }

  /** The lines of one error output, each checked to end in a newline. */
  public static List<JsonNode> lines(RecordingDeliveryContext.ErrorOutput output)
      throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (byte[] line : output.lines()) {
      assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
      lines.add(JSON.readTree(line));
    }
    return lines;
  }
}
