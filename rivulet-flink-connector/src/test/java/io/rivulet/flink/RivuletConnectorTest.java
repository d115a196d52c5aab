package io.rivulet.flink;

import static io.rivulet.flink.InProcessStreamsFixture.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.flink.sink.RivuletSink;
import io.rivulet.flink.source.RivuletDeserializationSchema;
import io.rivulet.flink.source.RivuletSource;
import io.rivulet.flink.source.StartingPosition;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataStream source and sink in-process, on a real MiniCluster (one per class, 2 slots) over a
 * real StreamsService in this JVM.
 */
@SuppressWarnings("try") // CloseableIterator.close() throws Exception
class RivuletConnectorTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = MiniClusters.small();

  static InProcessStreamsFixture streams;

  @BeforeAll
  static void startStreams() {
    streams = new InProcessStreamsFixture();
  }

  @AfterAll
  static void stopStreams() {
    streams.close();
  }

  /** "data@arrivalMillis" for each record, arrival being the element's Flink timestamp. */
  static DataStream<String> withTimestamps(DataStream<String> in) {
    return in.process(new ProcessFunction<String, String>() {
      @Override
      public void processElement(String value, Context ctx, Collector<String> out) {
        out.collect(value + "@" + ctx.timestamp());
      }
    });
  }

  static RivuletSource<String> source(String stream) {
    return RivuletSource.<String>builder().stream(stream)
        .startingPosition(StartingPosition.trimHorizon())
        .shardDiscoveryInterval(Duration.ofMillis(200))
        .valueDeserializer(new SimpleStringSchema()).build();
  }

  static List<String> collect(DataStream<String> stream, int n) throws Exception {
    List<String> got = new ArrayList<>();
    try (CloseableIterator<String> it = stream.executeAndCollect("collect")) {
      while (got.size() < n && it.hasNext()) {
        got.add(it.next());
      }
    }
    return got;
  }

  static List<String> range(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
  }

  @Test
  void readsEveryRecordOfEveryShardWithItsArrivalTimeAsTimestamp() throws Exception {
    StreamId id = streams.create("read-all", 3);
    List<String> data = range("r", 0, 1_500);
    streams.put(id, data, data);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataStream<String> in = env.fromSource(source("read-all"),
        WatermarkStrategy.noWatermarks(), "rivulet");
    List<String> got = collect(withTimestamps(in), data.size());

    Map<String, String> expected = new HashMap<>();
    for (StreamRecord r : streams.readAll(id)) {
      expected.put(utf8(r), utf8(r) + "@" + r.approximateArrivalTimestamp().toEpochMilli());
    }
    assertThat(got).containsExactlyInAnyOrderElementsOf(expected.values());
  }

  @Test
  void readsParentsBeforeChildrenAcrossSplitsAndMerges() throws Exception {
    StreamId id = streams.create("resharded", 1);
    List<String> keys = IntStream.range(0, 400).mapToObj(i -> "pk" + (i % 10)).toList();
    List<String> data = IntStream.range(0, 400).mapToObj(i -> keys.get(i) + ":" + i).toList();
    streams.put(id, keys.subList(0, 200), data.subList(0, 200));
    streams.split("resharded", 0); // shard 0 -> 1, 2: children wait for the parent's end
    streams.put(id, keys.subList(200, 400), data.subList(200, 400));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // one reader: with two, a parent read by one subtask and its child by the other reach the
    // collecting sink through two channels, so the parent's last records may arrive after the
    // child's first although the child was assigned only once the parent was read to its end
    env.setParallelism(1);
    List<String> got = new ArrayList<>();
    try (CloseableIterator<String> it = env.fromSource(source("resharded"),
        WatermarkStrategy.noWatermarks(), "rivulet").executeAndCollect("reshard")) {
      while (got.size() < 400 && it.hasNext()) {
        got.add(it.next());
      }
      streams.split("resharded", 1); // and while reading: 1 -> 3, 4
      List<String> moreKeys = IntStream.range(400, 600).mapToObj(i -> "pk" + (i % 10)).toList();
      List<String> more = IntStream.range(400, 600).mapToObj(i -> moreKeys.get(i - 400) + ":" + i)
          .toList();
      streams.put(id, moreKeys, more);
      while (got.size() < 600 && it.hasNext()) {
        got.add(it.next());
      }
      streams.merge("resharded", 3, 4); // two parents -> 5
      List<String> lastKeys = IntStream.range(600, 800).mapToObj(i -> "pk" + (i % 10)).toList();
      List<String> last = IntStream.range(600, 800).mapToObj(i -> lastKeys.get(i - 600) + ":" + i)
          .toList();
      streams.put(id, lastKeys, last);
      while (got.size() < 800 && it.hasNext()) {
        got.add(it.next());
      }
    }
    assertThat(got).hasSize(800).doesNotHaveDuplicates();
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (String s : got) {
      String[] kv = s.split(":");
      byKey.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Integer.parseInt(kv[1]));
    }
    for (List<Integer> order : byKey.values()) {
      assertThat(order).isSorted(); // a key's records never overtake each other across reshards
    }
  }

  @Test
  void sinkAppendsEveryElementWithItsPartitionKey() throws Exception {
    StreamId out = streams.create("sink-out", 2);
    List<String> data = range("w", 0, 1_234);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.fromData(data).sinkTo(RivuletSink.<String>builder().stream("sink-out")
        .serializer(new SimpleStringSchema()).partitionKey(s -> "key-" + s).build());
    env.execute("sink");
    List<StreamRecord> stored = streams.readAll(out);
    assertThat(stored.stream().map(InProcessStreamsFixture::utf8).toList())
        .containsExactlyInAnyOrderElementsOf(data);
    assertThat(stored).allMatch(r -> r.partitionKey().equals("key-" + utf8(r)));
  }

  @Test
  void latestSkipsWhatWasThereAndReadsEverythingAfter() throws Exception {
    StreamId id = streams.create("latest", 1);
    streams.put(id, range("old", 0, 100), range("old", 0, 100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    List<String> got = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread producer = new Thread(() -> { // new records until the test has seen enough
      for (int i = 0; !stop.get(); i++) {
        streams.put(id, List.of("new"), List.of("new" + i));
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    try (CloseableIterator<String> it = env.fromSource(RivuletSource.<String>builder()
        .stream("latest").startingPosition(StartingPosition.latest())
        .valueDeserializer(new SimpleStringSchema()).build(),
        WatermarkStrategy.noWatermarks(), "rivulet").executeAndCollect("latest")) {
      producer.start();
      while (got.size() < 20 && it.hasNext()) {
        got.add(it.next());
      }
    } finally {
      stop.set(true);
      producer.join();
    }
    assertThat(got).allMatch(s -> s.startsWith("new"));
    int first = Integer.parseInt(got.get(0).substring(3));
    assertThat(got).containsExactlyElementsOf(range("new", first, first + 20)); // no gap after
  }

  @Test
  void atTimestampStartsAtTheFirstRecordThatArrivedThen() throws Exception {
    StreamId id = streams.create("at-timestamp", 1);
    streams.put(id, range("before", 0, 50), range("before", 0, 50));
    Thread.sleep(20); // arrival times have millisecond resolution
    java.time.Instant start = java.time.Instant.now();
    Thread.sleep(20);
    streams.put(id, range("after", 0, 50), range("after", 0, 50));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    List<String> got = collect(env.fromSource(RivuletSource.<String>builder()
        .stream("at-timestamp").startingPosition(StartingPosition.atTimestamp(start))
        .valueDeserializer(new SimpleStringSchema()).build(),
        WatermarkStrategy.noWatermarks(), "rivulet"), 50);
    assertThat(got).containsExactlyElementsOf(range("after", 0, 50));
  }

  /** Fails once, on the first element after {@link #armed} was set. */
  static final class FailOnce implements org.apache.flink.api.common.functions.MapFunction<String,
      String> {
    static final java.util.concurrent.atomic.AtomicBoolean armed =
        new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public String map(String value) {
      if (armed.compareAndSet(true, false)) {
        throw new IllegalStateException("injected failure at " + value);
      }
      return value;
    }
  }

  @Test
  void aFailoverRestoresPositionsFromTheLastCheckpointWithoutLossOrDuplicates() throws Exception {
    StreamId id = streams.create("failover", 3);
    List<String> first = range("f", 0, 600);
    List<String> second = range("f", 600, 1_200);
    streams.put(id, first, first);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(100);
    env.configure(restartTwice());
    List<String> got = new ArrayList<>();
    try (CloseableIterator<String> it = env.fromSource(source("failover"),
        WatermarkStrategy.noWatermarks(), "rivulet").map(new FailOnce())
        .executeAndCollect("failover")) {
      while (got.size() < first.size() && it.hasNext()) { // checkpointed results only
        got.add(it.next());
      }
      FailOnce.armed.set(true);
      streams.put(id, second, second);
      while (got.size() < first.size() + second.size() && it.hasNext()) {
        got.add(it.next());
      }
    }
    assertThat(FailOnce.armed).isFalse(); // the failure happened
    assertThat(got).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, 1_200).mapToObj(i -> "f" + i).toList());
  }

  static Configuration restartTwice() {
    Configuration c = new Configuration();
    c.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    c.set(org.apache.flink.configuration.RestartStrategyOptions
        .RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
    c.set(org.apache.flink.configuration.RestartStrategyOptions
        .RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    return c;
  }

  @Test
  void stopWithSavepointThenRestoreCopiesEveryRecordExactlyOnce(@TempDir Path savepoints)
      throws Exception {
    StreamId in = streams.create("copy-in", 2);
    StreamId out = streams.create("copy-out", 2);
    List<String> first = range("c", 0, 700);
    List<String> second = range("c", 700, 1_500);
    streams.put(in, first, first);
    JobClient job = copyJob(null);
    streams.awaitRecords(out, first.size());
    String savepoint = job.stopWithSavepoint(false, savepoints.toUri().toString(),
        SavepointFormatType.CANONICAL).get();

    streams.put(in, second, second); // arrive while no job runs
    JobClient restored = copyJob(savepoint);
    try {
      streams.awaitRecords(out, first.size() + second.size());
      Thread.sleep(300); // give a duplicate, if any, time to land
    } finally {
      restored.cancel().get();
    }
    List<String> copied = streams.readAll(out).stream().map(InProcessStreamsFixture::utf8)
        .toList();
    assertThat(copied).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
        IntStream.range(0, 1_500).mapToObj(i -> "c" + i).toList());
  }

  static JobClient copyJob(String savepoint) throws Exception {
    Configuration c = new Configuration();
    if (savepoint != null) {
      c.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
    env.setParallelism(2);
    env.enableCheckpointing(200);
    env.fromSource(source("copy-in"), WatermarkStrategy.noWatermarks(), "rivulet")
        .uid("copy-source")
        .sinkTo(RivuletSink.<String>builder().stream("copy-out")
            .serializer(new SimpleStringSchema()).partitionKey(s -> s).build())
        .uid("copy-sink");
    return env.executeAsync("copy");
  }

  /** Just the partition keys, to check a custom deserializer sees the metadata. */
  static RivuletDeserializationSchema<String> partitionKeys() {
    return new RivuletDeserializationSchema<>() {
      @Override
      public void deserialize(StreamRecord record, String shardId, Collector<String> out) {
        out.collect(shardId + "/" + record.partitionKey() + "/" + new String(record.data(), UTF_8));
      }

      @Override
      public TypeInformation<String> getProducedType() {
        return Types.STRING;
      }
    };
  }

  @Test
  void aDeserializerSeesTheShardAndPartitionKey() throws Exception {
    StreamId id = streams.create("metadata", 2);
    List<String> data = range("m", 0, 50);
    streams.put(id, data.stream().map(d -> "k" + d).toList(), data);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    List<String> got = collect(env.fromSource(RivuletSource.<String>builder().stream("metadata")
        .startingPosition(StartingPosition.trimHorizon()).deserializer(partitionKeys()).build(),
        WatermarkStrategy.noWatermarks(), "rivulet"), data.size());
    Map<String, String> expected = streams.readAll(id).stream().collect(Collectors.toMap(
        InProcessStreamsFixture::utf8, r -> r.partitionKey()));
    assertThat(got).hasSize(50).allSatisfy(s -> {
      String[] p = s.split("/");
      assertThat(p[0]).startsWith("shardId-");
      assertThat(p[1]).isEqualTo(expected.get(p[2]));
    });
  }
}
