package io.rivulet.firehose.processing;

import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records, configurations and environments for the processing tests. */
final class Fixtures {
  static final String STREAM_ARN = "arn:aws:firehose:us-east-1:000000000000:deliverystream/ds";
  static final String FUNCTION_ARN = "arn:aws:lambda:us-west-2:123456789012:function:transform";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

  private Fixtures() {}

  /** A sleeper that records what it was asked to wait and returns at once. */
  static final class RecordingSleeper implements ProcessorEnv.Sleeper {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      sleeps.add(duration);
    }
  }

  static ProcessorEnv env(URI lambdaEndpoint, ProcessorEnv.Sleeper sleeper) {
    return ProcessorEnv.of(lambdaEndpoint, STREAM_ARN, "us-east-1", CLOCK, sleeper)
        .withInvocationTimeout(Duration.ofSeconds(20));
  }

  static FirehoseRecord record(String id, String text) {
    return new FirehoseRecord(id, 1_714_557_600_000L, text.getBytes(StandardCharsets.UTF_8));
  }

  static List<FirehoseRecord> records(String... texts) {
    List<FirehoseRecord> out = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      out.add(new FirehoseRecord("r" + i, 1_714_557_600_000L + i,
          texts[i].getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  static String text(FirehoseRecord r) {
    return new String(r.data(), StandardCharsets.UTF_8);
  }

  static List<String> texts(List<FirehoseRecord> records) {
    return records.stream().map(Fixtures::text).toList();
  }

  static List<String> codes(List<FailedRecord> failed) {
    return failed.stream().map(FailedRecord::errorCode).toList();
  }

  /** One processor: {@code {"Type": type, "Parameters": [...]}} from name/value pairs. */
  static Map<String, Object> processor(String type, String... nameValues) {
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      params.add(Map.of("ParameterName", nameValues[i], "ParameterValue", nameValues[i + 1]));
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("Type", type);
    if (!params.isEmpty()) {
      p.put("Parameters", params);
    }
    return p;
  }

  /** An enabled ProcessingConfiguration with these processors. */
  static Map<String, Object> config(Object... processors) {
    return Map.of("Enabled", true, "Processors", List.of(processors));
  }
}
