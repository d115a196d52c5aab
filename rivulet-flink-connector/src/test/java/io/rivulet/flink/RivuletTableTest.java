package io.rivulet.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code 'connector' = 'rivulet'} tables in Flink SQL, in-process, on a real MiniCluster (one per
 * class) over a real StreamsService in this JVM: a windowed aggregate from a JSON stream into a
 * JSON stream, metadata columns, CSV and raw formats, option errors.
 */
@SuppressWarnings("try") // CloseableIterator.close() throws Exception
class RivuletTableTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = MiniClusters.small();
  static final ObjectMapper JSON = new ObjectMapper();
  static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  static InProcessStreamsFixture streams;

  @BeforeAll
  static void startStreams() {
    streams = new InProcessStreamsFixture();
  }

  @AfterAll
  static void stopStreams() {
    streams.close();
  }

  static StreamTableEnvironment tables() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    StreamTableEnvironment t = StreamTableEnvironment.create(env);
    t.getConfig().setLocalTimeZone(ZoneOffset.UTC);
    return t;
  }

  static String event(String user, long ts) {
    return "{\"user_id\":\"" + user + "\",\"page\":\"/p\",\"ts\":" + ts + "}";
  }

  @Test
  void aTumblingWindowCountOfDistinctUsersGoesFromAJsonStreamIntoAnother() throws Exception {
    StreamId in = streams.create("clicks", 2);
    StreamId out = streams.create("active-users", 1);
    long base = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    List<String> keys = new ArrayList<>();
    List<String> events = new ArrayList<>();
    Map<Long, Set<String>> reference = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      long ts = base + i * 100L; // 30 s of events, 10 s windows
      String user = "u" + (i * 7 % 23) % (5 + i / 100 * 4);
      keys.add(user);
      events.add(event(user, ts));
      reference.computeIfAbsent(ts / 10_000 * 10_000, w -> new HashSet<>()).add(user);
    }
    for (int i = 0; i < 20; i++) { // late enough to close every window, on every shard
      keys.add("closer" + i);
      events.add(event("closer" + i, base + 120_000));
    }
    streams.put(in, keys, events);

    StreamTableEnvironment t = tables();
    t.executeSql("CREATE TABLE clicks (user_id STRING, page STRING, ts BIGINT,"
        + " rt AS TO_TIMESTAMP_LTZ(ts, 3), WATERMARK FOR rt AS rt - INTERVAL '1' SECOND)"
        + " WITH ('connector' = 'rivulet', 'stream' = 'clicks', 'format' = 'json',"
        + " 'scan.startup.mode' = 'trim-horizon')");
    t.executeSql("CREATE TABLE active_users (window_start STRING, users BIGINT)"
        + " WITH ('connector' = 'rivulet', 'stream' = 'active-users', 'format' = 'json',"
        + " 'sink.partition-key' = 'window_start')");
    TableResult job = t.executeSql("INSERT INTO active_users"
        + " SELECT DATE_FORMAT(window_start, 'yyyy-MM-dd HH:mm:ss'), COUNT(DISTINCT user_id)"
        + " FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(rt), INTERVAL '10' SECOND))"
        + " GROUP BY window_start, window_end");
    try {
      List<StreamRecord> rows = streams.awaitRecords(out, reference.size());
      Map<String, Long> got = new TreeMap<>();
      for (StreamRecord r : rows) {
        JsonNode n = JSON.readTree(r.data());
        got.put(n.get("window_start").asText(), n.get("users").asLong());
        assertThat(r.partitionKey()).isEqualTo(n.get("window_start").asText());
      }
      Map<String, Long> expected = new TreeMap<>();
      reference.forEach((w, users) -> expected.put(UTC.format(Instant.ofEpochMilli(w)),
          (long) users.size()));
      assertThat(got).isEqualTo(expected);
      assertThat(rows).hasSize(expected.size());
    } finally {
      job.getJobClient().orElseThrow().cancel().get();
    }
  }

  @Test
  void metadataColumnsCarryPartitionKeySequenceNumberShardAndArrivalTime() throws Exception {
    StreamId id = streams.create("meta", 2);
    List<String> users = List.of("a", "b", "c", "d", "e", "f");
    streams.put(id, users, users.stream().map(u -> event(u, 1)).toList());
    Map<String, StreamRecord> byKey = new HashMap<>();
    streams.readAll(id).forEach(r -> byKey.put(r.partitionKey(), r));

    StreamTableEnvironment t = tables();
    t.executeSql("CREATE TABLE meta (user_id STRING,"
        + " pk STRING METADATA FROM 'partition_key', seq STRING METADATA FROM 'sequence_number',"
        + " shard STRING METADATA FROM 'shard_id' VIRTUAL, arrival_time TIMESTAMP_LTZ(3) METADATA,"
        + " WATERMARK FOR arrival_time AS arrival_time - INTERVAL '1' SECOND)"
        + " WITH ('connector' = 'rivulet', 'stream' = 'meta', 'format' = 'json',"
        + " 'scan.startup.mode' = 'trim-horizon')");
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> it = t.executeSql(
        "SELECT user_id, pk, seq, shard, arrival_time FROM meta").collect()) {
      while (rows.size() < users.size() && it.hasNext()) {
        rows.add(it.next());
      }
    }
    assertThat(rows).hasSize(users.size());
    for (Row r : rows) {
      StreamRecord rec = byKey.get((String) r.getField(0));
      assertThat(r.getField(1)).isEqualTo(rec.partitionKey());
      assertThat(r.getField(2)).isEqualTo(rec.sequenceNumber());
      assertThat((String) r.getField(3)).startsWith("shardId-");
      assertThat(r.getField(4)).isEqualTo(
          Instant.ofEpochMilli(rec.approximateArrivalTimestamp().toEpochMilli()));
    }
  }

  @Test
  void csvAndRawFormatsRoundTrip() throws Exception {
    StreamId csvIn = streams.create("csv-in", 1);
    StreamId rawOut = streams.create("raw-out", 1);
    List<String> lines = List.of("1,alpha", "2,beta", "3,gamma");
    streams.put(csvIn, List.of("k1", "k2", "k3"), lines);
    StreamTableEnvironment t = tables();
    t.executeSql("CREATE TABLE csv_in (id INT, name STRING) WITH ('connector' = 'rivulet',"
        + " 'stream' = 'csv-in', 'format' = 'csv', 'scan.startup.mode' = 'trim-horizon')");
    t.executeSql("CREATE TABLE raw_out (line STRING) WITH ('connector' = 'rivulet',"
        + " 'stream' = 'raw-out', 'format' = 'raw')");
    TableResult job = t.executeSql(
        "INSERT INTO raw_out SELECT UPPER(name) || '#' || CAST(id * 10 AS STRING) FROM csv_in");
    try {
      List<StreamRecord> got = streams.awaitRecords(rawOut, 3);
      assertThat(got.stream().map(InProcessStreamsFixture::utf8).toList())
          .containsExactlyInAnyOrder("ALPHA#10", "BETA#20", "GAMMA#30");
    } finally {
      job.getJobClient().orElseThrow().cancel().get();
    }
  }

  @Test
  void badOptionsAreRefusedWithTheirNames() {
    StreamTableEnvironment t = tables();
    t.executeSql("CREATE TABLE bad_mode (x STRING) WITH ('connector' = 'rivulet',"
        + " 'stream' = 's', 'format' = 'raw', 'scan.startup.mode' = 'earliest')");
    assertThatThrownBy(() -> t.executeSql("SELECT * FROM bad_mode").collect())
        .hasStackTraceContaining("Unsupported 'scan.startup.mode' 'earliest'");
    t.executeSql("CREATE TABLE bad_key (x STRING) WITH ('connector' = 'rivulet',"
        + " 'stream' = 's', 'format' = 'raw', 'sink.partition-key' = 'y')");
    assertThatThrownBy(() -> t.executeSql("INSERT INTO bad_key VALUES ('v')"))
        .isInstanceOf(ValidationException.class)
        .hasStackTraceContaining("'sink.partition-key' names column 'y'");
    t.executeSql("CREATE TABLE bad_ts (x STRING) WITH ('connector' = 'rivulet',"
        + " 'stream' = 's', 'format' = 'raw', 'scan.startup.mode' = 'at-timestamp')");
    assertThatThrownBy(() -> t.executeSql("SELECT * FROM bad_ts").collect())
        .hasStackTraceContaining("needs 'scan.startup.timestamp'");
  }
}
