package io.rivulet.firehose.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import io.rivulet.firehose.source.LogBuffer.Buffered;
import io.rivulet.firehose.util.ManualClock;
import io.rivulet.log.MemoryLogManager;
import io.rivulet.protocol.AwsException;
import io.rivulet.streams.StreamsService;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.PutEntry;
import io.rivulet.streams.api.PutResult;
import io.rivulet.streams.api.ShardInfo;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.engine.HashKeys;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KinesisStreamSource against a real StreamsService (MemoryLogManager) and a buffer on a
 * rivulet-log: every record of every shard arrives with its metadata, parents before children,
 * restarts resume, a deleted stream stops the source.
 */
class KinesisStreamSourceTest {
  static final String ACCOUNT = "000000000000";
  static final String REGION = "us-east-1";
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  final ManualClock clock = new ManualClock(1_700_000_000_000L);
  final List<KinesisStreamSource> sources = new ArrayList<>();
  MemoryLogManager logs;
  StreamsService service;
  StreamsApi api;
  LogBuffer buffer;
  int sequence;

  @BeforeEach
  void start() {
    logs = new MemoryLogManager();
    service = new StreamsService(StreamsConfig.defaults().withDelays(Duration.ZERO, Duration.ZERO)
        .withUpdateDelay(Duration.ZERO), clock, logs, null);
    api = service.api();
    buffer = new LogBuffer(logs.open("firehose/test-buffer"));
  }

  @AfterEach
  void stop() {
    sources.forEach(KinesisStreamSource::close);
    service.close();
    logs.close();
  }

  StreamId create(String name, int shards) {
    service.engine().create(key(name), shards, "PROVISIONED", Map.of());
    return api.describe(ACCOUNT, REGION, name).id();
  }

  static StreamKey key(String name) {
    return new StreamKey(ACCOUNT, REGION, name);
  }

  static Map<String, Object> config(StreamId id) {
    return Map.of("KinesisStreamARN", id.arn(), "RoleARN",
        "arn:aws:iam::000000000000:role/firehose");
  }

  KinesisStreamSource source(StreamId id, Instant deliveryStart) {
    KinesisStreamSource s = new KinesisStreamSource(config(id), new KinesisStreamSource.Env(
        "delivery", api, buffer, dir.resolve("source"), deliveryStart, clock));
    sources.add(s);
    s.start();
    return s;
  }

  /** Puts {@code n} records with distinct data "r<k>", each with partition key "pk<k>". */
  List<String> put(StreamId id, int n) {
    List<String> data = new ArrayList<>();
    for (int from = 0; from < n; from += 500) {
      List<PutEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + 500); i++) {
        String d = "r" + sequence++;
        data.add(d);
        entries.add(new PutEntry("pk" + d, d.getBytes(UTF_8)));
      }
      List<PutResult> results = api.append(id, entries).join();
      assertThat(results).noneMatch(PutResult::failed);
    }
    return data;
  }

  static List<String> data(List<Buffered> records) {
    return records.stream().map(Buffered::data).toList();
  }

  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5); // waits for the source's thread, not for time to pass
    }
  }

  @Test
  void everyRecordOfEveryShardArrivesWithItsKinesisMetadata() throws Exception {
    StreamId id = create("clicks", 4);
    KinesisStreamSource source = source(id, clock.instant());
    List<String> sent = put(id, 3_000);
    List<Buffered> got = buffer.await(sent.size(), WAIT);
    assertThat(data(got)).containsExactlyInAnyOrderElementsOf(sent);
    Set<String> shards = new HashSet<>();
    Map<String, String> lastSequence = new HashMap<>();
    for (Buffered b : got) {
      KinesisRecordMetadata m = b.metadata();
      assertThat(m.partitionKey()).isEqualTo("pk" + b.data());
      assertThat(m.subsequenceNumber()).isZero();
      assertThat(m.approximateArrivalTimestamp()).isEqualTo(clock.millis());
      // records of one shard arrive in sequence-number order
      String previous = lastSequence.put(m.shardId(), m.sequenceNumber());
      if (previous != null) {
        assertThat(new BigInteger(m.sequenceNumber())).isGreaterThan(new BigInteger(previous));
      }
      shards.add(m.shardId());
    }
    assertThat(shards).hasSize(4);
    awaitTrue(() -> source.status().recordsRead() == 3_000, "counters");
    assertThat(source.status().state()).isEqualTo(KinesisStreamSource.State.RUNNING);
    assertThat(source.status().error()).isNull();
    assertThat(source.status().bytesRead()).isPositive();
  }

  @Test
  void startsAtTheDeliveryStartTimestamp() throws Exception {
    StreamId id = create("s", 2);
    put(id, 20); // before the delivery stream existed: not delivered
    clock.advance(Duration.ofSeconds(10));
    Instant created = clock.instant();
    List<String> sent = new ArrayList<>(put(id, 30)); // after creation, before the source reads
    KinesisStreamSource source = source(id, created);
    sent.addAll(put(id, 30));
    assertThat(data(buffer.await(60, WAIT))).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(source.deliveryStartTimestamp()).isEqualTo(created);
  }

  @Test
  void readsParentsToTheirEndBeforeChildrenAcrossSplitsAndMerges() throws Exception {
    StreamId id = create("s", 2);
    KinesisStreamSource source = source(id, clock.instant());
    List<String> sent = new ArrayList<>(put(id, 400));
    BigInteger half = HashKeys.MAX.shiftRight(2); // inside shard 0's range
    service.engine().reshard(key("s"), m -> { }, r -> r.split(0, half)); // 0 -> 2, 3
    sent.addAll(put(id, 400));
    service.engine().reshard(key("s"), m -> { }, r -> r.merge(3, 1)); // 3 + 1 -> 4
    sent.addAll(put(id, 400));
    service.engine().reshard(key("s"), m -> { }, r -> r.split(4, HashKeys.MAX.shiftRight(1)));
    sent.addAll(put(id, 400)); // 4 -> 5, 6
    List<Buffered> got = buffer.await(sent.size(), WAIT);
    assertThat(data(got)).containsExactlyInAnyOrderElementsOf(sent);
    assertParentsBeforeChildren(id, got);
    assertThat(source.status().state()).isEqualTo(KinesisStreamSource.State.RUNNING);
  }

  @Test
  void aSourceStartedAfterReshardsStillReadsParentsFirst() throws Exception {
    StreamId id = create("s", 2);
    Instant created = clock.instant();
    List<String> sent = new ArrayList<>(put(id, 300));
    service.engine().reshard(key("s"), m -> { }, r -> r.split(1, HashKeys.MAX.shiftRight(1)
        .add(HashKeys.MAX.shiftRight(2))));
    sent.addAll(put(id, 300));
    service.engine().reshard(key("s"), m -> { }, r -> r.merge(0, 2));
    sent.addAll(put(id, 300));
    source(id, created);
    List<Buffered> got = buffer.await(sent.size(), WAIT);
    assertThat(data(got)).containsExactlyInAnyOrderElementsOf(sent);
    assertParentsBeforeChildren(id, got);
  }

  /** For every shard, its parents' records all come before any of its own in the buffer. */
  void assertParentsBeforeChildren(StreamId id, List<Buffered> got) {
    Map<String, Integer> first = new HashMap<>();
    Map<String, Integer> last = new HashMap<>();
    for (int i = 0; i < got.size(); i++) {
      String shard = got.get(i).metadata().shardId();
      first.putIfAbsent(shard, i);
      last.put(shard, i);
    }
    int checked = 0;
    for (ShardInfo s : api.shards(id)) {
      for (String parent : s.parents()) {
        if (first.containsKey(s.shardId()) && last.containsKey(parent)) {
          assertThat(last.get(parent)).as("%s before its child %s", parent, s.shardId())
              .isLessThan(first.get(s.shardId()));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aRestartResumesFromTheSavedPositionsWithoutLossOrDuplicates() throws Exception {
    StreamId id = create("s", 3);
    KinesisStreamSource first = source(id, clock.instant());
    List<String> sent = new ArrayList<>(put(id, 500));
    buffer.await(500, WAIT);
    first.close();
    assertThat(first.status().state()).isEqualTo(KinesisStreamSource.State.STOPPED);
    sent.addAll(put(id, 500)); // while no source runs
    service.engine().reshard(key("s"), m -> { }, r -> r.split(0, HashKeys.MAX.shiftRight(3)));
    sent.addAll(put(id, 500));
    source(id, clock.instant().plusSeconds(3600)); // a later start time is ignored: resumes
    List<Buffered> got = buffer.await(sent.size(), WAIT);
    assertThat(data(got)).containsExactlyInAnyOrderElementsOf(sent); // each exactly once
  }

  @Test
  void aCrashBeforeTheSaveRereadsOnlyTheUnsavedTail() throws Exception {
    StreamId id = create("s", 2);
    Path positions = dir.resolve("source").resolve(SourcePositions.FILE);
    KinesisStreamSource first = source(id, clock.instant());
    List<String> sent = new ArrayList<>(put(id, 300));
    buffer.await(300, WAIT);
    awaitTrue(() -> covered(positions.getParent(), id) == 300, "positions of all 300 saved");
    // the file as it is now is what a crash after the next appends, before their save, leaves
    Path saved = dir.resolve("saved.json");
    Files.copy(positions, saved);
    List<String> tail = put(id, 200);
    sent.addAll(tail);
    buffer.await(500, WAIT);
    first.close();
    Files.copy(saved, positions, StandardCopyOption.REPLACE_EXISTING);
    sent.addAll(put(id, 100));
    source(id, clock.instant());
    List<Buffered> got = buffer.await(800, WAIT);
    assertThat(new HashSet<>(data(got))).containsExactlyInAnyOrderElementsOf(sent);
    Map<String, Long> counts = data(got).stream()
        .collect(Collectors.groupingBy(d -> d, Collectors.counting()));
    Set<String> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(duplicated).containsExactlyInAnyOrderElementsOf(tail); // only the unsaved tail
    assertThat(counts.values()).allMatch(c -> c <= 2);
  }

  /** How many of the stream's records the saved positions cover. */
  long covered(Path stateDir, StreamId id) {
    try {
      SourcePositions p = SourcePositions.load(stateDir);
      long n = 0;
      for (ShardInfo s : p == null ? List.<ShardInfo>of() : api.shards(id)) {
        SourcePositions.Shard saved = p.shard(s.shardId());
        if (saved != null) {
          BigInteger after = new BigInteger(saved.after());
          n += api.read(id, s.shardId(), Position.trimHorizon(), 10_000, 1 << 24).records()
              .stream().filter(r -> new BigInteger(r.sequenceNumber()).compareTo(after) <= 0)
              .count();
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aDeletedStreamStopsTheSourceWithAnError() throws Exception {
    StreamId id = create("doomed", 2);
    KinesisStreamSource source = source(id, clock.instant());
    List<String> sent = put(id, 50);
    buffer.await(50, WAIT);
    service.engine().delete(key("doomed"));
    awaitTrue(() -> source.status().state() == KinesisStreamSource.State.FAILED, "FAILED");
    assertThat(source.status().error()).contains(id.arn()).contains("deleted");
    source.close();
    assertThat(source.status().state()).isEqualTo(KinesisStreamSource.State.FAILED);
    assertThat(data(buffer.all())).containsExactlyInAnyOrderElementsOf(sent);

    // created again under the same name: the saved positions belong to the old one
    clock.advance(Duration.ofSeconds(1));
    StreamId again = create("doomed", 1);
    KinesisStreamSource restarted = source(again, clock.instant());
    awaitTrue(() -> restarted.status().state() == KinesisStreamSource.State.FAILED, "FAILED");
  }

  @Test
  void aFailedBufferAppendIsRetriedWithoutLoss() throws Exception {
    StreamId id = create("s", 1);
    buffer.failNextAppends.set(1);
    KinesisStreamSource source = source(id, clock.instant());
    List<String> sent = put(id, 100);
    List<Buffered> got = buffer.await(100, WAIT);
    assertThat(data(got)).containsExactlyElementsOf(sent);
    assertThat(buffer.failNextAppends.get()).isZero();
    awaitTrue(() -> source.status().error() == null, "error cleared");
  }

  @Test
  void decryptsRecordsOfAnEncryptedStream() throws Exception {
    StreamId id = create("secret", 1);
    service.engine().update(key("secret"), m -> m.withEncryption("alias/aws/kinesis"));
    source(id, clock.instant());
    List<String> sent = put(id, 10);
    assertThat(data(buffer.await(10, WAIT))).containsExactlyElementsOf(sent);
  }

  @Test
  void validatesItsConfiguration() {
    StreamId id = create("s", 1);
    KinesisStreamSource.validate(config(id), api);
    assertThatThrownBy(() -> KinesisStreamSource.validate(Map.of("RoleARN", "arn:aws:iam::1:role/r")))
        .isInstanceOf(AwsException.class)
        .satisfies(e -> assertThat(((AwsException) e).code().type())
            .isEqualTo("InvalidArgumentException"))
        .hasMessageContaining("KinesisStreamARN");
    Map<String, Object> missing = Map.of("KinesisStreamARN",
        "arn:aws:kinesis:us-east-1:000000000000:stream/none", "RoleARN", "arn:aws:iam::1:role/r");
    assertThatThrownBy(() -> KinesisStreamSource.validate(missing, api))
        .isInstanceOf(AwsException.class).hasMessageContaining("stream/none");
  }
}
