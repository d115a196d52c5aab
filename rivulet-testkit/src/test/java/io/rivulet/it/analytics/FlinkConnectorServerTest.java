package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.flink.sink.RivuletSink;
import io.rivulet.flink.source.RivuletSource;
import io.rivulet.flink.source.StartingPosition;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The Flink connector against a real server on port 0, the test putting and reading with the SDK.
 * Remote mode: a job on a real MiniCluster reads and writes over the Kinesis API (the connector's
 * own SDK client), as a job on a remote Flink cluster would, following a split parents first;
 * SQL DDL with 'aws.endpoint' works the same way. In-process mode: a job in the server's JVM
 * reaches the streams the server registered, with no endpoint.
 */
class FlinkConnectorServerTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2).setConfiguration(smallMemory()).build());

  static Configuration smallMemory() {
    Configuration c = new Configuration();
    c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("16m"));
    c.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("16m"));
    c.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("16m"));
    // the server's class path has hadoop-common (Firehose's Parquet/ORC) without the rest of
    // Hadoop: Flink's Hadoop delegation tokens would fail to start the cluster
    c.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
    return c;
  }

  RivuletConnection remote() {
    return RivuletConnection.remote(rivulet.endpoint().toString(), "us-east-1")
        .withCredentials("AKIDREMOTEFLINK", "secret").withPollInterval(Duration.ofMillis(50));
  }

  KinesisClient kinesis() {
    return rivulet.sync(WireMode.CBOR);
  }

  void create(String name, int shards) throws InterruptedException {
    kinesis().createStream(b -> b.streamName(name).shardCount(shards));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (kinesis().describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary()
        .streamStatus() != StreamStatus.ACTIVE) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  void put(String stream, List<String> keys, List<String> data) {
    for (int from = 0; from < data.size(); from += 500) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(from + 500, data.size()); i++) {
        entries.add(PutRecordsRequestEntry.builder().partitionKey(keys.get(i))
            .data(SdkBytes.fromUtf8String(data.get(i))).build());
      }
      PutRecordsResponse r = kinesis().putRecords(b -> b.streamName(stream).records(entries));
      assertThat(r.failedRecordCount()).isZero();
    }
  }

  /** Every record of every shard (SDK GetRecords), shard by shard. */
  List<Record> readAll(String stream) {
    List<Record> out = new ArrayList<>();
    for (Shard s : kinesis().listShards(b -> b.streamName(stream)).shards()) {
      String it = kinesis().getShardIterator(b -> b.streamName(stream).shardId(s.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (it != null) {
        String current = it;
        var r = kinesis().getRecords(b -> b.shardIterator(current));
        out.addAll(r.records());
        it = r.records().isEmpty() ? null : r.nextShardIterator();
      }
    }
    return out;
  }

  List<Record> awaitRecords(String stream, int n) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      List<Record> got = readAll(stream);
      if (got.size() >= n) {
        return got;
      }
      assertThat(System.nanoTime()).as("records in " + stream).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void aJobReadsAndWritesOverTheKinesisApiAndFollowsASplit() throws Exception {
    create("remote-in", 1);
    create("remote-out", 2);
    List<String> keys = IntStream.range(0, 900).mapToObj(i -> "pk" + (i % 7)).toList();
    List<String> data = IntStream.range(0, 900).mapToObj(i -> keys.get(i) + ":" + i).toList();
    put("remote-in", keys.subList(0, 300), data.subList(0, 300));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(200);
    env.fromSource(RivuletSource.<String>builder().connection(remote()).stream("remote-in")
            .startingPosition(StartingPosition.trimHorizon())
            .shardDiscoveryInterval(Duration.ofMillis(200))
            .valueDeserializer(new SimpleStringSchema()).build(),
            WatermarkStrategy.noWatermarks(), "rivulet-remote")
        .map(String::toUpperCase)
        .sinkTo(RivuletSink.<String>builder().connection(remote()).stream("remote-out")
            .serializer(new SimpleStringSchema()).partitionKey(s -> s.split(":")[0])
            .maxInFlight(1).build());
    JobClient job = env.executeAsync("remote copy");
    try {
      awaitRecords("remote-out", 300);
      BigInteger middle = BigInteger.ONE.shiftLeft(127);
      kinesis().splitShard(b -> b.streamName("remote-in").shardToSplit("shardId-000000000000")
          .newStartingHashKey(middle.toString()));
      put("remote-in", keys.subList(300, 900), data.subList(300, 900));
      List<Record> out = awaitRecords("remote-out", 900);
      assertThat(out).extracting(r -> r.data().asUtf8String())
          .containsExactlyInAnyOrderElementsOf(data.stream().map(String::toUpperCase).toList());
      Map<String, List<Integer>> byKey = new TreeMap<>();
      for (Record r : out) { // one output shard per key: its order is the job's output order
        String[] kv = r.data().asUtf8String().split(":");
        assertThat(r.partitionKey()).isEqualTo(kv[0]);
        byKey.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Integer.parseInt(kv[1]));
      }
      byKey.values().forEach(order -> assertThat(order).isSorted());
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void aJobInTheServersJvmUsesTheStreamsTheServerRegistered() throws Exception {
    create("server-in", 2);
    create("server-out", 1);
    List<String> data = IntStream.range(0, 500).mapToObj(i -> "s" + i).toList();
    put("server-in", data, data);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromSource(RivuletSource.<String>builder().stream("server-in") // no endpoint: in-process
            .startingPosition(StartingPosition.trimHorizon())
            .valueDeserializer(new SimpleStringSchema()).build(),
            WatermarkStrategy.noWatermarks(), "rivulet-in-process")
        .map(s -> s + "!")
        .sinkTo(RivuletSink.<String>builder().stream("server-out")
            .serializer(new SimpleStringSchema()).build());
    JobClient job = env.executeAsync("in-process copy");
    try {
      assertThat(awaitRecords("server-out", data.size())).extracting(r -> r.data().asUtf8String())
          .containsExactlyInAnyOrderElementsOf(data.stream().map(s -> s + "!").toList());
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void sqlTablesWithAnEndpointGoOverTheKinesisApi() throws Exception {
    create("remote-views", 2);
    create("remote-counts", 1);
    List<String> events = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      keys.add("u" + (i % 9));
      events.add("{\"user_id\":\"u" + (i % 9) + "\",\"ts\":" + (1_000_000L + i * 50L) + "}");
    }
    for (int i = 0; i < 10; i++) { // closes every window on every shard
      keys.add("late" + i);
      events.add("{\"user_id\":\"late" + i + "\",\"ts\":" + 2_000_000L + "}");
    }
    put("remote-views", keys, events);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    StreamTableEnvironment t = StreamTableEnvironment.create(env);
    t.getConfig().setLocalTimeZone(ZoneOffset.UTC);
    String endpoint = rivulet.endpoint().toString();
    String remote = "'connector' = 'rivulet', 'format' = 'json', 'aws.endpoint' = '" + endpoint
        + "', 'aws.region' = 'us-east-1', 'aws.credentials.basic.accesskeyid' = 'AKIDSQL',"
        + " 'aws.credentials.basic.secretkey' = 'secret', 'scan.poll.interval' = '50 ms'";
    t.executeSql("CREATE TABLE page_views (user_id STRING, ts BIGINT, rt AS TO_TIMESTAMP_LTZ(ts, 3),"
        + " WATERMARK FOR rt AS rt) WITH (" + remote + ", 'stream' = 'remote-views',"
        + " 'scan.startup.mode' = 'trim-horizon')");
    t.executeSql("CREATE TABLE counts (window_start BIGINT, users BIGINT) WITH (" + remote
        + ", 'stream' = 'remote-counts')");
    TableResult job = t.executeSql("INSERT INTO counts SELECT"
        + " UNIX_TIMESTAMP(DATE_FORMAT(window_start, 'yyyy-MM-dd HH:mm:ss')), COUNT(DISTINCT user_id)"
        + " FROM TABLE(TUMBLE(TABLE page_views, DESCRIPTOR(rt), INTERVAL '5' SECOND))"
        + " GROUP BY window_start, window_end");
    try {
      // 200 events 50 ms apart from t=1000 s: windows [1000,1005) and [1005,1010), 9 users each
      List<Record> rows = awaitRecords("remote-counts", 2);
      assertThat(rows).extracting(r -> r.data().asUtf8String()).containsExactlyInAnyOrder(
          "{\"window_start\":1000,\"users\":9}", "{\"window_start\":1005,\"users\":9}");
    } finally {
      job.getJobClient().orElseThrow().cancel().get();
    }
  }
}
