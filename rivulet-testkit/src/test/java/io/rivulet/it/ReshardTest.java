package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import io.rivulet.testkit.WireMode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/** SplitShard, MergeShards and UpdateShardCount: lineage, reading across it, limits, expiry. */
@ParameterizedClass
@EnumSource(WireMode.class)
class ReshardTest {
  static final TestClock clock = new TestClock();
  static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock));

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    stream = "rs-" + mode.name().toLowerCase() + "-" + (++counter);
  }

  List<Shard> shards() {
    return kinesis.listShards(b -> b.streamName(stream)).shards();
  }

  Shard shard(String id) {
    return shards().stream().filter(s -> s.shardId().equals(id)).findFirst().orElseThrow();
  }

  /** Reads one shard to its end; returns the records and the ChildShards of the last response. */
  record ShardRead(List<Record> records, List<ChildShard> children) {}

  ShardRead readClosed(String shardId) {
    String it = Sdk.iterator(kinesis, stream, shardId, ShardIteratorType.TRIM_HORIZON);
    List<Record> records = new ArrayList<>();
    for (int calls = 0; calls < 1000; calls++) {
      String current = it;
      GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current).limit(7));
      records.addAll(r.records());
      if (r.nextShardIterator() == null) {
        return new ShardRead(records, r.childShards());
      }
      it = r.nextShardIterator();
    }
    throw new AssertionError(shardId + " never ended");
  }

  @Test
  void splitClosesTheParentAndReadersFollowToTheChildren() {
    createActive(kinesis, stream, 1);
    for (int i = 0; i < 10; i++) {
      int n = i;
      kinesis.putRecord(b -> b.streamName(stream).partitionKey("before-" + n).data(bytes("b" + n)));
    }
    clock.advance(Duration.ofSeconds(1)); // the test clock stands still otherwise
    kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
        .newStartingHashKey(HALF.toString()));
    Sdk.awaitActive(kinesis, stream);
    Shard parent = shard("shardId-000000000000");
    Shard left = shard("shardId-000000000001");
    Shard right = shard("shardId-000000000002");
    assertThat(parent.sequenceNumberRange().endingSequenceNumber()).isNotNull();
    assertThat(left.parentShardId()).isEqualTo(parent.shardId());
    assertThat(right.parentShardId()).isEqualTo(parent.shardId());
    assertThat(left.hashKeyRange().endingHashKey()).isEqualTo(HALF.subtract(BigInteger.ONE).toString());
    assertThat(right.hashKeyRange().startingHashKey()).isEqualTo(HALF.toString());
    assertThat(new BigInteger(left.sequenceNumberRange().startingSequenceNumber()))
        .isGreaterThan(new BigInteger(parent.sequenceNumberRange().endingSequenceNumber()));

    kinesis.putRecord(b -> b.streamName(stream).partitionKey("x").explicitHashKey("0").data(bytes("low")));
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("x").explicitHashKey(HALF.toString()).data(bytes("high")));
    ShardRead fromParent = readClosed("shardId-000000000000");
    assertThat(fromParent.records()).hasSize(10);
    assertThat(fromParent.children()).extracting(ChildShard::shardId)
        .containsExactlyInAnyOrder("shardId-000000000001", "shardId-000000000002");
    assertThat(fromParent.children().get(0).parentShards()).containsExactly("shardId-000000000000");
    assertThat(Sdk.drain(kinesis, Sdk.iterator(kinesis, stream, "shardId-000000000001", ShardIteratorType.TRIM_HORIZON)))
        .extracting(r -> r.data().asUtf8String()).containsExactly("low");
    assertThat(Sdk.drain(kinesis, Sdk.iterator(kinesis, stream, "shardId-000000000002", ShardIteratorType.TRIM_HORIZON)))
        .extracting(r -> r.data().asUtf8String()).containsExactly("high");

    assertThat(kinesis.listShards(b -> b.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST)))
        .shards()).extracting(Shard::shardId).containsExactly("shardId-000000000001", "shardId-000000000002");
    assertThat(kinesis.listShards(b -> b.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_TRIM_HORIZON)))
        .shards()).extracting(Shard::shardId).containsExactly("shardId-000000000000");
    assertThat(kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().openShardCount())
        .isEqualTo(2);

    assertError(error(() -> kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
        .newStartingHashKey(HALF.toString()))), "ResourceInUseException", 400, null);
    assertError(error(() -> kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000001")
        .newStartingHashKey("1"))), "InvalidArgumentException", 400, null);
    assertError(error(() -> kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000009")
        .newStartingHashKey("5"))), "ResourceNotFoundException", 400,
        "Could not find shard shardId-000000000009 in stream " + stream + " under account 000000000000.");
  }

  @Test
  void mergeJoinsAdjacentShards() {
    createActive(kinesis, stream, 3);
    assertError(error(() -> kinesis.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000000")
        .adjacentShardToMerge("shardId-000000000002"))), "InvalidArgumentException", 400,
        "Shards shardId-000000000000 and shardId-000000000002 in stream " + stream
            + " under account 000000000000 are not an adjacent pair of shards eligible for merging");
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").explicitHashKey("0").data(bytes("old")));
    kinesis.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000001")
        .adjacentShardToMerge("shardId-000000000000"));
    Sdk.awaitActive(kinesis, stream);
    Shard child = shard("shardId-000000000003");
    assertThat(child.parentShardId()).isEqualTo("shardId-000000000000");
    assertThat(child.adjacentParentShardId()).isEqualTo("shardId-000000000001");
    assertThat(child.hashKeyRange().startingHashKey()).isEqualTo("0");
    assertThat(child.hashKeyRange().endingHashKey()).isEqualTo(shard("shardId-000000000001").hashKeyRange().endingHashKey());
    ShardRead parent = readClosed("shardId-000000000000");
    assertThat(parent.records()).extracting(r -> r.data().asUtf8String()).containsExactly("old");
    assertThat(parent.children()).hasSize(1);
    assertThat(parent.children().get(0).parentShards()).containsExactly("shardId-000000000000", "shardId-000000000001");
    assertThat(readClosed("shardId-000000000001").records()).isEmpty();
  }

  @Test
  void updateShardCountReachesUniformShardsWithTwoParentsAtMost() {
    createActive(kinesis, stream, 5);
    UpdateShardCountResponse r = kinesis.updateShardCount(b -> b.streamName(stream).targetShardCount(3)
        .scalingType(ScalingType.UNIFORM_SCALING));
    assertThat(r.currentShardCount()).isEqualTo(5);
    assertThat(r.targetShardCount()).isEqualTo(3);
    Sdk.awaitActive(kinesis, stream);
    List<Shard> open = kinesis.listShards(b -> b.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards();
    assertThat(open).hasSize(3);
    BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(3));
    for (int i = 0; i < 3; i++) {
      assertThat(new BigInteger(open.get(i).hashKeyRange().startingHashKey())).isEqualTo(width.multiply(BigInteger.valueOf(i)));
    }
    kinesis.updateShardCount(b -> b.streamName(stream).targetShardCount(6).scalingType(ScalingType.UNIFORM_SCALING));
    Sdk.awaitActive(kinesis, stream);
    assertThat(kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().openShardCount()).isEqualTo(6);
    assertError(error(() -> kinesis.updateShardCount(b -> b.streamName(stream).targetShardCount(13)
        .scalingType(ScalingType.UNIFORM_SCALING))), "InvalidArgumentException", 400,
        "Cannot update shard count beyond 2x current shard count");
    assertError(error(() -> kinesis.updateShardCount(b -> b.streamName(stream).targetShardCount(2)
        .scalingType(ScalingType.UNIFORM_SCALING))), "InvalidArgumentException", 400,
        "Cannot update shard count below 50% of the current shard count");
  }

  @Test
  void closedShardsExpireWithRetention() {
    createActive(kinesis, stream, 2);
    kinesis.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000000")
        .adjacentShardToMerge("shardId-000000000001"));
    Sdk.awaitActive(kinesis, stream);
    assertThat(shards()).hasSize(3);
    clock.advance(Duration.ofHours(24).plusMinutes(1));
    rivulet.server().streams().engine().applyRetention();
    assertThat(shards()).extracting(Shard::shardId).containsExactly("shardId-000000000002");
    assertThat(shard("shardId-000000000002").parentShardId()).isEqualTo("shardId-000000000000");
  }

  @Test
  void reshardsUnderLoadLoseAndDuplicateNothing() throws Exception {
    createActive(kinesis, stream, 2);
    Map<String, List<String>> putByKey = new HashMap<>();
    List<Thread> writers = new ArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    for (int w = 0; w < 3; w++) {
      int writer = w;
      Thread t = new Thread(() -> {
        for (int i = 0; !stop.get(); i++) {
          String key = "w" + writer + "-k" + (i % 11);
          String data = "w" + writer + "-" + i;
          kinesis.putRecord(b -> b.streamName(stream).partitionKey(key).data(bytes(data)));
          synchronized (putByKey) {
            putByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(data);
          }
        }
      });
      t.start();
      writers.add(t);
    }
    Thread.sleep(200);
    kinesis.updateShardCount(b -> b.streamName(stream).targetShardCount(4).scalingType(ScalingType.UNIFORM_SCALING));
    Sdk.awaitActive(kinesis, stream);
    Thread.sleep(200);
    kinesis.splitShard(b -> b.streamName(stream).shardToSplit(
        kinesis.listShards(l -> l.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards().get(0).shardId())
        .newStartingHashKey(BigInteger.ONE.shiftLeft(120).toString()));
    Sdk.awaitActive(kinesis, stream);
    Thread.sleep(200);
    kinesis.updateShardCount(b -> b.streamName(stream).targetShardCount(3).scalingType(ScalingType.UNIFORM_SCALING));
    Sdk.awaitActive(kinesis, stream);
    Thread.sleep(200);
    stop.set(true);
    for (Thread t : writers) {
      t.join();
    }
    // read every shard, parents before children (shard ids grow with lineage), and regroup by key
    Map<String, List<String>> readByKey = new HashMap<>();
    for (Shard s : shards()) {
      List<Record> records = s.sequenceNumberRange().endingSequenceNumber() != null
          ? readClosed(s.shardId()).records()
          : Sdk.drain(kinesis, Sdk.iterator(kinesis, stream, s.shardId(), ShardIteratorType.TRIM_HORIZON));
      for (Record rec : records) {
        readByKey.computeIfAbsent(rec.partitionKey(), k -> new ArrayList<>()).add(rec.data().asUtf8String());
      }
    }
    assertThat(putByKey.values().stream().mapToInt(List::size).sum()).isGreaterThan(30);
    assertThat(readByKey).as("every acknowledged record exactly once, in order per key").isEqualTo(putByKey);
  }
}
