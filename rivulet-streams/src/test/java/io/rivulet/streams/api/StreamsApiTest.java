package io.rivulet.streams.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.log.MemoryLogManager;
import io.rivulet.streams.StreamsService;
import io.rivulet.streams.engine.HashKeys;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsConfig;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StreamsApi} against a real StreamsService on a MemoryLogManager. */
class StreamsApiTest {
  static final String ACCOUNT = "000000000000";
  static final String REGION = "us-east-1";
  static final String S0 = "shardId-000000000000";
  static final String S1 = "shardId-000000000001";

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  final MovableClock clock = new MovableClock();
  MemoryLogManager logs;
  StreamsService service;
  StreamsApi api;

  @BeforeEach
  void start() {
    logs = new MemoryLogManager();
    StreamsConfig config = StreamsConfig.defaults().withDelays(Duration.ZERO, Duration.ZERO)
        .withUpdateDelay(Duration.ZERO);
    service = new StreamsService(config, clock, logs, null);
    api = service.api();
  }

  @AfterEach
  void stop() {
    service.close();
    logs.close();
  }

  StreamId create(String name, int shards) {
    service.engine().create(new StreamKey(ACCOUNT, REGION, name), shards, "PROVISIONED", Map.of());
    return api.describe(ACCOUNT, REGION, name).id();
  }

  /** Appends one record per data string, routed to the shard owning {@code hashKey}. */
  List<PutResult> put(StreamId id, BigInteger hashKey, String... data) {
    List<PutEntry> entries = new ArrayList<>();
    for (String d : data) {
      entries.add(new PutEntry("pk-" + d, hashKey, d.getBytes(UTF_8)));
    }
    List<PutResult> results = api.append(id, entries).join();
    assertThat(results).noneMatch(PutResult::failed);
    return results;
  }

  static List<String> data(ReadResult r) {
    return r.records().stream().map(x -> new String(x.data(), UTF_8)).toList();
  }

  static final BigInteger LOW = BigInteger.ONE;
  static final BigInteger HIGH = HashKeys.MAX;

  @Test
  void findsStreamsByNameAndArnAndListsShards() {
    StreamId id = create("orders", 2);
    StreamInfo byArn = api.describe("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
    assertThat(byArn.id()).isEqualTo(id);
    assertThat(byArn.status()).isEqualTo("ACTIVE");
    assertThat(byArn.readable()).isTrue();
    assertThat(byArn.retentionHours()).isEqualTo(24);
    assertThat(id.arn()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/orders");
    List<ShardInfo> shards = api.shards(id);
    assertThat(shards).extracting(ShardInfo::shardId).containsExactly(S0, S1);
    assertThat(shards.get(0).startingHashKey()).isEqualTo(BigInteger.ZERO);
    assertThat(shards.get(1).endingHashKey()).isEqualTo(HashKeys.MAX);
    assertThat(shards.get(0).endingHashKey().add(BigInteger.ONE))
        .isEqualTo(shards.get(1).startingHashKey());
    assertThat(shards).allMatch(ShardInfo::isOpen).allMatch(s -> s.parents().isEmpty());

    assertThatThrownBy(() -> api.describe(ACCOUNT, REGION, "nope"))
        .isInstanceOf(StreamNotFoundException.class)
        .hasMessage("Stream nope under account 000000000000 not found.");
    assertThatThrownBy(() -> api.describe(ACCOUNT, "eu-west-1", "orders"))
        .isInstanceOf(StreamNotFoundException.class);
    assertThatThrownBy(() -> api.describe("arn:aws:sqs:us-east-1:000000000000:orders"))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void appendsDurablyAndReadsFromEveryKindOfPosition() {
    StreamId id = create("s", 1);
    List<PutResult> first = put(id, LOW, "a", "b", "c");
    assertThat(first).extracting(PutResult::shardId).containsOnly(S0);
    clock.advance(Duration.ofSeconds(10));
    Instant later = clock.instant();
    put(id, LOW, "d", "e");

    ReadResult all = api.read(id, S0, Position.trimHorizon(), 100, 1 << 20);
    assertThat(data(all)).containsExactly("a", "b", "c", "d", "e");
    assertThat(all.records().get(0).partitionKey()).isEqualTo("pk-a");
    assertThat(all.records().get(0).sequenceNumber()).isEqualTo(first.get(0).sequenceNumber());
    assertThat(all.records().get(3).approximateArrivalTimestamp()).isEqualTo(later);
    assertThat(all.records().get(0).encryptionType()).isNull();
    assertThat(all.shardEnded()).isFalse();
    assertThat(all.childShards()).isEmpty();
    assertThat(all.millisBehindLatest()).isZero();

    assertThat(data(api.read(id, S0, Position.atTimestamp(later), 100, 1 << 20)))
        .containsExactly("d", "e");
    String b = first.get(1).sequenceNumber();
    assertThat(data(api.read(id, S0, Position.atSequenceNumber(b), 100, 1 << 20)))
        .containsExactly("b", "c", "d", "e");
    assertThat(data(api.read(id, S0, Position.afterSequenceNumber(b), 100, 1 << 20)))
        .containsExactly("c", "d", "e");
    String start = api.shards(id).get(0).startingSequenceNumber();
    assertThat(data(api.read(id, S0, Position.afterSequenceNumber(start), 2, 1 << 20)))
        .containsExactly("a", "b");

    // the next position resumes where the last read stopped, also from LATEST with nothing read
    ReadResult two = api.read(id, S0, Position.trimHorizon(), 2, 1 << 20);
    assertThat(data(api.read(id, S0, two.next(), 100, 1 << 20))).containsExactly("c", "d", "e");
    ReadResult latest = api.read(id, S0, Position.latest(), 100, 1 << 20);
    assertThat(latest.records()).isEmpty();
    put(id, LOW, "f");
    assertThat(data(api.read(id, S0, latest.next(), 100, 1 << 20))).containsExactly("f");
    assertThat(api.read(id, S0, all.next(), 1, 1 << 20).next().type())
        .isEqualTo(Position.Type.AFTER_SEQUENCE_NUMBER);
  }

  @Test
  void reportsHowFarBehindTheTipARead() {
    StreamId id = create("s", 1);
    put(id, LOW, "old");
    clock.advance(Duration.ofSeconds(30));
    put(id, LOW, "new");
    ReadResult r = api.read(id, S0, Position.trimHorizon(), 1, 1 << 20);
    assertThat(data(r)).containsExactly("old");
    assertThat(r.millisBehindLatest()).isEqualTo(30_000);
  }

  @Test
  void decryptsRecordsStoredEncrypted() {
    StreamId id = create("secret", 1);
    service.engine().update(new StreamKey(ACCOUNT, REGION, "secret"),
        m -> m.withEncryption("alias/aws/kinesis"));
    put(id, LOW, "hidden");
    ReadResult r = api.read(id, S0, Position.trimHorizon(), 10, 1 << 20);
    assertThat(data(r)).containsExactly("hidden");
    assertThat(r.records().get(0).partitionKey()).isEqualTo("pk-hidden");
    assertThat(r.records().get(0).encryptionType()).isEqualTo("KMS");
  }

  @Test
  void followsSplitsAndMergesToTheirChildren() {
    StreamId id = create("s", 2);
    StreamKey key = new StreamKey(ACCOUNT, REGION, "s");
    put(id, LOW, "p0");
    BigInteger mid = api.shards(id).get(0).endingHashKey().shiftRight(1);
    service.engine().reshard(key, m -> { }, r -> r.split(0, mid));
    put(id, LOW, "left");

    ReadResult parent = api.read(id, S0, Position.trimHorizon(), 100, 1 << 20);
    assertThat(data(parent)).containsExactly("p0");
    assertThat(parent.shardEnded()).isTrue();
    assertThat(parent.childShards()).extracting(ChildShard::shardId)
        .containsExactly("shardId-000000000002", "shardId-000000000003");
    assertThat(parent.childShards()).allMatch(c -> c.parentShards().equals(List.of(S0)));
    assertThat(parent.childShards().get(1).startingHashKey()).isEqualTo(mid);
    // read to the end from the position it returned: still ended, nothing more
    ReadResult again = api.read(id, S0, parent.next(), 100, 1 << 20);
    assertThat(again.records()).isEmpty();
    assertThat(again.shardEnded()).isTrue();
    assertThat(data(api.read(id, "shardId-000000000002", Position.trimHorizon(), 100, 1 << 20)))
        .containsExactly("left");

    List<ShardInfo> shards = api.shards(id);
    assertThat(shards.get(0).isOpen()).isFalse();
    assertThat(shards.get(0).endingSequenceNumber()).isNotNull();
    assertThat(shards.get(2).parents()).containsExactly(S0);

    // merge the upper split half (3) with shard 1
    service.engine().reshard(key, m -> { }, r -> r.merge(3, 1));
    ReadResult one = api.read(id, S1, Position.trimHorizon(), 100, 1 << 20);
    assertThat(one.shardEnded()).isTrue();
    assertThat(one.childShards()).singleElement().satisfies(c -> {
      assertThat(c.shardId()).isEqualTo("shardId-000000000004");
      assertThat(c.parentShards()).containsExactly("shardId-000000000003", S1);
      assertThat(c.endingHashKey()).isEqualTo(HashKeys.MAX);
    });
    assertThat(api.shards(id).get(4).parents())
        .containsExactly("shardId-000000000003", S1);
    put(id, HIGH, "merged");
    assertThat(data(api.read(id, "shardId-000000000004", Position.trimHorizon(), 100, 1 << 20)))
        .containsExactly("merged");
  }

  @Test
  void wakesAWatchAfterADurableAppendAndOnReshard() throws Exception {
    StreamId id = create("s", 1);
    CountDownLatch appended = new CountDownLatch(1);
    Watch w = api.watch(id, S0, appended::countDown);
    put(id, LOW, "x");
    assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
    w.close();
    w.close(); // idempotent
    CountDownLatch resharded = new CountDownLatch(1);
    Watch split = api.watch(id, S0, resharded::countDown);
    service.engine().reshard(new StreamKey(ACCOUNT, REGION, "s"), m -> { },
        r -> r.split(0, HashKeys.MAX.shiftRight(1)));
    assertThat(resharded.await(10, TimeUnit.SECONDS)).isTrue();
    split.close();
    assertThatThrownBy(() -> api.watch(id, "shardId-000000000009", () -> { }))
        .isInstanceOf(ShardNotFoundException.class);
  }

  @Test
  void aDeletedOrRecreatedStreamIsNotFoundForItsOldId() {
    StreamId id = create("gone", 1);
    put(id, LOW, "x");
    service.engine().delete(new StreamKey(ACCOUNT, REGION, "gone"));
    assertThatThrownBy(() -> api.read(id, S0, Position.trimHorizon(), 10, 1 << 20))
        .isInstanceOf(StreamNotFoundException.class);
    assertThatThrownBy(() -> api.shards(id)).isInstanceOf(StreamNotFoundException.class);
    clock.advance(Duration.ofSeconds(1));
    StreamId again = create("gone", 1);
    assertThat(again.createdMillis()).isNotEqualTo(id.createdMillis());
    assertThatThrownBy(() -> api.read(id, S0, Position.trimHorizon(), 10, 1 << 20))
        .isInstanceOf(StreamNotFoundException.class);
    assertThatThrownBy(() -> api.append(id, List.of(new PutEntry("k", new byte[1]))))
        .isInstanceOf(StreamNotFoundException.class);
    assertThat(api.read(again, S0, Position.trimHorizon(), 10, 1 << 20).records()).isEmpty();
  }

  @Test
  void rejectsBadPositionsAndAppendsWithThePackagesExceptions() {
    StreamId id = create("s", 2);
    String seq0 = put(id, LOW, "a").get(0).sequenceNumber();
    assertThatThrownBy(() -> api.read(id, "shardId-000000000007", Position.trimHorizon(), 1, 1))
        .isInstanceOf(ShardNotFoundException.class);
    assertThatThrownBy(() -> api.read(id, S1, Position.atSequenceNumber(seq0), 1, 1))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("It encodes " + S0);
    assertThatThrownBy(() -> api.read(id, S0, Position.afterSequenceNumber("12"), 1, 1))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> api.read(id, S0,
        Position.atTimestamp(clock.instant().plusSeconds(60)), 1, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("cannot be greater than the currentTimestampInMillis");
    assertThatThrownBy(() -> api.read(id, S0, Position.trimHorizon(), 0, 1))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> new Position(Position.Type.LATEST, seq0, null))
        .isInstanceOf(IllegalArgumentException.class);

    assertThatThrownBy(() -> api.append(id, List.of()))
        .isInstanceOf(InvalidArgumentException.class);
    List<PutEntry> tooMany = new ArrayList<>();
    for (int i = 0; i <= StreamsApi.MAX_APPEND_RECORDS; i++) {
      tooMany.add(new PutEntry("k", new byte[1]));
    }
    assertThatThrownBy(() -> api.append(id, tooMany)).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> api.append(id, List.of(new PutEntry("", new byte[1]))))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> api.append(id, List.of(new PutEntry("k".repeat(257), new byte[1]))))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> api.append(id,
        List.of(new PutEntry("k", new byte[1024 * 1024 + 1]))))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> api.append(id,
        List.of(new PutEntry("k", HashKeys.MAX.add(BigInteger.ONE), new byte[1]))))
        .isInstanceOf(InvalidArgumentException.class);
    List<PutEntry> big = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      big.add(new PutEntry("k", new byte[1024 * 1024]));
    }
    assertThatThrownBy(() -> api.append(id, big)).isInstanceOf(InvalidArgumentException.class)
        .hasMessage("Records size exceeds 5 MB limit");
    // nothing of the rejected appends was stored
    assertThat(api.read(id, S0, Position.trimHorizon(), 100, 1 << 20).records()).hasSize(1);
  }

  @Test
  void aCreatingStreamIsNotActiveYet() {
    service.close();
    StreamsConfig slow = StreamsConfig.defaults().withDelays(Duration.ofHours(1), Duration.ZERO);
    service = new StreamsService(slow, clock, logs, null);
    api = service.api();
    service.engine().create(new StreamKey(ACCOUNT, REGION, "new"), 1, "PROVISIONED", Map.of());
    StreamInfo info = api.describe(ACCOUNT, REGION, "new");
    assertThat(info.status()).isEqualTo("CREATING");
    assertThat(info.readable()).isFalse();
    assertThat(api.shards(info.id())).isEmpty();
    assertThatThrownBy(() -> api.read(info.id(), S0, Position.trimHorizon(), 1, 1))
        .isInstanceOf(StreamNotActiveException.class);
  }
}
