package io.rivulet.console;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rivulet.firehose.engine.DeliveryStats;
import io.rivulet.firehose.engine.DeliveryStreamMeta;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.firehose.engine.FirehoseEngine.View;
import io.rivulet.firehose.engine.SourceFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's read-only view of Firehose: per delivery stream, the counters {@code /metrics}
 * exports (cumulative since the server started), what is still buffered, data freshness (age of
 * the oldest undelivered record on the server's clock, 0 when everything is delivered), what a
 * Kinesis source has read, and the recent delivery errors (AWS shows these from CloudWatch Logs).
 *
 * <pre>
 * {"timeMillis": 1700000000000,
 *  "deliveryStreams": [{"account": "000000000000", "region": "us-east-1", "name": "clicks",
 *     "status": "ACTIVE", "incomingRecords": 3, "incomingBytes": 18, "incomingPutRequests": 1,
 *     "throttledRecords": 0, "processingFailedRecords": 0, "bufferedBytes": 0,
 *     "dataFreshnessSeconds": 0.0,
 *     "destinations": [{"name": "S3", "success": 1, "records": 3, "bytes": 18, "failedRecords": 0}],
 *     "source": null,
 *     "recentErrors": [{"timeMillis": 1700000000000, "kind": "DeliveryFailed", "message": "…"}]}]}
 * </pre>
 *
 * {@code source} is, for KinesisStreamAsSource, {@code {"recordsRead", "bytesRead",
 * "millisBehindLatest", "error"}}. Thread-safe (reads the engine's concurrent state).
 */
final class ConsoleFirehose {
  private static final JsonFactory JSON = new JsonFactory();

  private final FirehoseEngine engine;

  ConsoleFirehose(FirehoseEngine engine) {
    this.engine = engine;
  }

  byte[] json() {
    return json(null);
  }

  /** The delivery streams of one account (null: every account's). */
  byte[] json(String account) {
    long now = engine.clock().millis();
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("timeMillis", now);
      g.writeArrayFieldStart("deliveryStreams");
      for (View v : engine.views()) {
        if (account == null || account.equals(v.meta().account())) {
          writeStream(g, v, now);
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeStream(JsonGenerator g, View v, long now) throws IOException {
    DeliveryStreamMeta m = v.meta();
    DeliveryStats st = v.stats();
    g.writeStartObject();
    g.writeStringField("account", m.account());
    g.writeStringField("region", m.region());
    g.writeStringField("name", m.name());
    g.writeStringField("status", m.status());
    g.writeNumberField("incomingRecords", st.incomingRecords.sum());
    g.writeNumberField("incomingBytes", st.incomingBytes.sum());
    g.writeNumberField("incomingPutRequests", st.incomingPutRequests.sum());
    g.writeNumberField("throttledRecords", st.throttledRecords.sum());
    g.writeNumberField("processingFailedRecords", st.processingFailedRecords.sum());
    g.writeNumberField("bufferedBytes", v.undeliveredBytes());
    g.writeNumberField("dataFreshnessSeconds", v.oldestUndeliveredMillis() < 0 ? 0
        : Math.max(0, now - v.oldestUndeliveredMillis()) / 1000.0);
    g.writeArrayFieldStart("destinations");
    for (Map.Entry<String, DeliveryStats.Destination> e : st.destinations().entrySet()) {
      DeliveryStats.Destination d = e.getValue();
      g.writeStartObject();
      g.writeStringField("name", e.getKey());
      g.writeNumberField("success", d.success.sum());
      g.writeNumberField("records", d.records.sum());
      g.writeNumberField("bytes", d.bytes.sum());
      g.writeNumberField("failedRecords", d.failedRecords.sum());
      g.writeEndObject();
    }
    g.writeEndArray();
    writeSource(g, v.source());
    g.writeArrayFieldStart("recentErrors");
    for (DeliveryStats.DeliveryError e : st.recentErrors()) {
      g.writeStartObject();
      g.writeNumberField("timeMillis", e.timeMillis());
      g.writeStringField("kind", e.kind());
      g.writeStringField("message", e.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeSource(JsonGenerator g, SourceFactory.Reader.Stats s) throws IOException {
    if (s == null) {
      g.writeNullField("source");
      return;
    }
    g.writeObjectFieldStart("source");
    g.writeNumberField("recordsRead", s.recordsRead());
    g.writeNumberField("bytesRead", s.bytesRead());
    g.writeNumberField("millisBehindLatest", s.millisBehindLatest());
    g.writeStringField("error", s.error());
    g.writeEndObject();
  }
}
