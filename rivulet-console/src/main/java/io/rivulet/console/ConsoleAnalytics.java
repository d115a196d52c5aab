package io.rivulet.console;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.ApplicationRunner.JobView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The console's read-only view of Analytics jobs: per application, its status and, when it has a
 * job, the job's id and state, records in and out, checkpoints and when the last one completed
 * (what {@code /metrics} exports; AWS shows these in CloudWatch and the Flink dashboard).
 *
 * <pre>
 * {"timeMillis": 1700000000000,
 *  "applications": [{"account": "000000000000", "region": "us-east-1", "name": "clicks",
 *     "status": "RUNNING", "jobId": "a1b2…", "jobState": "RUNNING", "recordsIn": 120,
 *     "recordsOut": 4, "checkpoints": 3, "lastCheckpointMillis": 1700000000000}]}
 * </pre>
 *
 * Applications without a job have {@code jobId} and {@code jobState} null and zero counters.
 * Thread-safe (reads the engine under its lock).
 */
final class ConsoleAnalytics {
  private static final JsonFactory JSON = new JsonFactory();
  private final AnalyticsEngine engine;

  ConsoleAnalytics(AnalyticsEngine engine) {
    this.engine = engine;
  }

  /** The applications of one account (null: every account's). */
  byte[] json(String account) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("timeMillis", engine.now());
      g.writeArrayFieldStart("applications");
      for (JobView j : engine.jobs()) {
        if (account != null && !account.equals(j.application().account())) {
          continue;
        }
        g.writeStartObject();
        g.writeStringField("account", j.application().account());
        g.writeStringField("region", j.application().region());
        g.writeStringField("name", j.application().name());
        g.writeStringField("status", j.application().status());
        g.writeStringField("jobId", j.jobId());
        g.writeStringField("jobState", j.state() == null ? null : j.state().name());
        g.writeNumberField("recordsIn", j.metrics().recordsIn());
        g.writeNumberField("recordsOut", j.metrics().recordsOut());
        g.writeNumberField("checkpoints", j.metrics().checkpoints());
        g.writeNumberField("lastCheckpointMillis", j.metrics().lastCheckpointMillis());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
