package io.rivulet.flink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.flink.connect.InProcessStreams;
import io.rivulet.log.MemoryLogManager;
import io.rivulet.streams.StreamsService;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.PutEntry;
import io.rivulet.streams.api.PutResult;
import io.rivulet.streams.api.ReadResult;
import io.rivulet.streams.api.ShardInfo;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamRecord;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsConfig;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A real StreamsService (memory logs, system clock) registered as the in-process streams of this
 * JVM, with helpers to create, put, split and read streams. Not thread-safe.
 */
public final class InProcessStreamsFixture implements AutoCloseable {
  public static final String ACCOUNT = "000000000000";
  public static final String REGION = "us-east-1";

  private final MemoryLogManager logs = new MemoryLogManager();
  private final StreamsService service;
  private final StreamsApi api;

  public InProcessStreamsFixture() {
    this(false);
  }

  /** With AWS's per-shard rates enforced ({@code --throttling aws}) or not. */
  public InProcessStreamsFixture(boolean throttling) {
    StreamsConfig config = StreamsConfig.defaults().withDelays(Duration.ZERO, Duration.ZERO)
        .withUpdateDelay(Duration.ZERO);
    config = config.withCapacity(config.capacity().withThrottling(throttling));
    service = new StreamsService(config, Clock.systemUTC(), logs, null);
    api = service.api();
    InProcessStreams.register(api);
  }

  public StreamsApi api() {
    return api;
  }

  public StreamId create(String name, int shards) {
    service.engine().create(new StreamKey(ACCOUNT, REGION, name), shards, "PROVISIONED", Map.of());
    return api.describe(ACCOUNT, REGION, name).id();
  }

  /** Splits shard {@code index} at the middle of its hash range. */
  public void split(String name, int index) {
    StreamKey key = new StreamKey(ACCOUNT, REGION, name);
    StreamId id = api.describe(ACCOUNT, REGION, name).id();
    ShardInfo s = api.shards(id).stream()
        .filter(i -> io.rivulet.streams.engine.ShardMeta.parseIndex(i.shardId()) == index)
        .findFirst().orElseThrow();
    BigInteger middle = s.startingHashKey().add(s.endingHashKey()).shiftRight(1).add(BigInteger.ONE);
    service.engine().reshard(key, m -> { }, r -> r.split(index, middle));
  }

  /** Merges the adjacent open shards {@code lower} and {@code upper} (by index). */
  public void merge(String name, int lower, int upper) {
    service.engine().reshard(new StreamKey(ACCOUNT, REGION, name), m -> { },
        r -> r.merge(lower, upper));
  }

  /** Appends records with these partition keys and data (UTF-8), in order, in batches. */
  public void put(StreamId id, List<String> keys, List<String> data) {
    for (int from = 0; from < data.size(); from += 500) {
      List<PutEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(data.size(), from + 500); i++) {
        entries.add(new PutEntry(keys.get(i), data.get(i).getBytes(UTF_8)));
      }
      List<PutResult> results = api.append(id, entries).join();
      assertThat(results).noneMatch(PutResult::failed);
    }
  }

  /** Every record of every shard, shard by shard. */
  public List<StreamRecord> readAll(StreamId id) {
    List<StreamRecord> out = new ArrayList<>();
    for (ShardInfo s : api.shards(id)) {
      Position p = Position.trimHorizon();
      while (true) {
        ReadResult r = api.read(id, s.shardId(), p, 10_000, StreamsApi.MAX_READ_BYTES);
        out.addAll(r.records());
        p = r.next();
        if (r.records().isEmpty()) {
          break;
        }
      }
    }
    return out;
  }

  /** Waits (polling every 20 ms, at most 60 s) until the stream holds {@code n} records. */
  public List<StreamRecord> awaitRecords(StreamId id, int n) throws InterruptedException {
    java.util.concurrent.atomic.AtomicReference<List<StreamRecord>> last =
        new java.util.concurrent.atomic.AtomicReference<>(List.of());
    await(() -> {
      last.set(readAll(id));
      return last.get().size() >= n;
    }, "records in " + id.name());
    return last.get();
  }

  public static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  public static String utf8(StreamRecord r) {
    return new String(r.data(), UTF_8);
  }

  @Override
  public void close() {
    InProcessStreams.unregister(api);
    service.close();
    logs.close();
  }
}
