package io.rivulet.console;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rivulet.streams.engine.ShardStats;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.engine.StreamsEngine.ShardView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's read-only view of traffic: the counters {@code /metrics} exports, per shard of
 * every stream, as JSON the page can difference into per-second rates without parsing Prometheus
 * text. Counters are cumulative since the server started; {@code iteratorAgeMillis} and {@code
 * storageBytes} are gauges.
 *
 * <pre>
 * {"timeMillis": 1700000000000,
 *  "streams": [{"account": "000000000000", "region": "us-east-1", "stream": "orders",
 *               "shards": [{"shardId": "shardId-000000000000", "open": true,
 *                           "incomingRecords": 12, "incomingBytes": 480, "outgoingRecords": 12,
 *                           "outgoingBytes": 480, "getRecordsCalls": 30, "writeThrottled": 0,
 *                           "readThrottled": 0, "iteratorAgeMillis": 0, "storageBytes": 4096}]}]}
 * </pre>
 *
 * Thread-safe (reads the engine's concurrent counters).
 */
final class ConsoleMetrics {
  private static final JsonFactory JSON = new JsonFactory();

  private final StreamsEngine engine;
  private final Clock clock;

  ConsoleMetrics(StreamsEngine engine) {
    this(engine, Clock.systemUTC());
  }

  ConsoleMetrics(StreamsEngine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  byte[] json() {
    return json(null);
  }

  /** The counters of one account's streams (null: every account's). */
  byte[] json(String account) {
    Map<StreamKey, List<ShardView>> byStream = new LinkedHashMap<>();
    for (ShardView v : engine.shardViews()) {
      if (account != null && !account.equals(v.stream().account())) {
        continue;
      }
      byStream.computeIfAbsent(v.stream().key(), k -> new ArrayList<>()).add(v);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("timeMillis", clock.millis());
      g.writeArrayFieldStart("streams");
      for (List<ShardView> shards : byStream.values()) {
        StreamMeta s = shards.get(0).stream();
        g.writeStartObject();
        g.writeStringField("account", s.account());
        g.writeStringField("region", s.region());
        g.writeStringField("stream", s.name());
        g.writeArrayFieldStart("shards");
        for (ShardView v : shards) {
          writeShard(g, v);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeShard(JsonGenerator g, ShardView v) throws IOException {
    ShardStats st = v.stats();
    g.writeStartObject();
    g.writeStringField("shardId", v.shard().shardId());
    g.writeBooleanField("open", v.shard().isOpen());
    g.writeNumberField("incomingRecords", st.incomingRecords.sum());
    g.writeNumberField("incomingBytes", st.incomingBytes.sum());
    g.writeNumberField("outgoingRecords", st.outgoingRecords.sum());
    g.writeNumberField("outgoingBytes", st.outgoingBytes.sum());
    g.writeNumberField("getRecordsCalls", st.getRecordsCalls.sum());
    g.writeNumberField("writeThrottled", st.writeThrottled.sum());
    g.writeNumberField("readThrottled", st.readThrottled.sum());
    g.writeNumberField("iteratorAgeMillis", st.iteratorAgeMillis.get());
    g.writeNumberField("storageBytes", v.storageBytes());
    g.writeEndObject();
  }
}
