package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.drain;
import static io.rivulet.it.Sdk.error;
import static io.rivulet.it.Sdk.iterator;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.math.BigInteger;
import java.time.Instant;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** PutRecord, PutRecords, GetShardIterator and GetRecords through the SDK's sync client. */
@ParameterizedClass
@EnumSource(WireMode.class)
class PutGetTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    stream = "pg-" + mode.name().toLowerCase() + "-" + (++counter);
  }

  @Test
  void recordsComeBackInOrderWithIncreasingSequenceNumbers() {
    createActive(kinesis, stream, 1);
    Instant before = Instant.now().minusSeconds(1);
    List<String> sequences = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      PutRecordResponse r =
          kinesis.putRecord(b -> b.streamName(stream).partitionKey("k" + n).data(bytes("value-" + n)));
      assertThat(r.shardId()).isEqualTo("shardId-000000000000");
      sequences.add(r.sequenceNumber());
    }
    for (int i = 1; i < sequences.size(); i++) {
      assertThat(new BigInteger(sequences.get(i))).isGreaterThan(new BigInteger(sequences.get(i - 1)));
    }
    List<Record> read =
        drain(kinesis, iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
    assertThat(read).extracting(r -> r.data().asUtf8String())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "value-" + i).toList());
    assertThat(read).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequences);
    assertThat(read.get(3).partitionKey()).isEqualTo("k3");
    assertThat(read.get(0).approximateArrivalTimestamp()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void putRecordsSpreadsByHashKeyAndKeepsPerShardOrder() {
    createActive(kinesis, stream, 4);
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      entries.add(PutRecordsRequestEntry.builder().partitionKey("user-" + (i % 37))
          .data(bytes(Integer.toString(i))).build());
    }
    PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(stream).records(entries));
    assertThat(r.failedRecordCount()).isZero();
    assertThat(r.records()).hasSize(500).allSatisfy(e -> assertThat(e.errorCode()).isNull());
    Map<String, List<Integer>> putByShard = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      putByShard.computeIfAbsent(r.records().get(i).shardId(), s -> new ArrayList<>()).add(i);
    }
    assertThat(putByShard.keySet()).hasSizeGreaterThan(1);
    for (Map.Entry<String, List<Integer>> e : putByShard.entrySet()) {
      List<Record> read = drain(kinesis, iterator(kinesis, stream, e.getKey(), ShardIteratorType.TRIM_HORIZON));
      assertThat(read).extracting(rec -> Integer.parseInt(rec.data().asUtf8String()))
          .containsExactlyElementsOf(e.getValue());
    }
  }

  @Test
  void explicitHashKeysChooseTheShard() {
    createActive(kinesis, stream, 2);
    String top = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString();
    assertThat(kinesis.putRecord(b -> b.streamName(stream).partitionKey("a").explicitHashKey("0")
        .data(bytes("x"))).shardId()).isEqualTo("shardId-000000000000");
    assertThat(kinesis.putRecord(b -> b.streamName(stream).partitionKey("a").explicitHashKey(top)
        .data(bytes("x"))).shardId()).isEqualTo("shardId-000000000001");
    String tooBig = BigInteger.ONE.shiftLeft(128).toString();
    assertError(error(() -> kinesis.putRecord(b -> b.streamName(stream).partitionKey("a")
        .explicitHashKey(tooBig).data(bytes("x")))), "InvalidArgumentException", 400,
        "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + tooBig);
  }

  @Test
  void iteratorTypesStartWhereAwsDoes() {
    createActive(kinesis, stream, 1);
    String shard = "shardId-000000000000";
    List<String> seq = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      seq.add(kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes("r" + n))).sequenceNumber());
    }
    String latest = iterator(kinesis, stream, shard, ShardIteratorType.LATEST);
    assertThat(kinesis.getRecords(b -> b.shardIterator(latest)).records()).isEmpty();
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes("r5")));
    assertThat(drain(kinesis, latest)).extracting(r -> r.data().asUtf8String()).containsExactly("r5");

    String at = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(seq.get(2))).shardIterator();
    assertThat(drain(kinesis, at)).extracting(r -> r.data().asUtf8String()).containsExactly("r2", "r3", "r4", "r5");
    String after = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(seq.get(2))).shardIterator();
    assertThat(drain(kinesis, after)).extracting(r -> r.data().asUtf8String()).containsExactly("r3", "r4", "r5");

    Sdk.sleep(30);
    Instant mark = Instant.now();
    Sdk.sleep(30);
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes("r6")));
    String byTime = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
        .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(mark)).shardIterator();
    assertThat(drain(kinesis, byTime)).extracting(r -> r.data().asUtf8String()).containsExactly("r6");
    String fromStart = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
        .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.now().minusSeconds(3600))).shardIterator();
    assertThat(drain(kinesis, fromStart)).hasSize(7);
  }

  @Test
  void getRecordsHonoursLimitAndReportsLag() {
    createActive(kinesis, stream, 1);
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      entries.add(PutRecordsRequestEntry.builder().partitionKey("p").data(bytes("v" + i)).build());
    }
    kinesis.putRecords(b -> b.streamName(stream).records(entries));
    String it = iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
    GetRecordsResponse first = kinesis.getRecords(b -> b.shardIterator(it).limit(10));
    assertThat(first.records()).hasSize(10);
    assertThat(first.millisBehindLatest()).isGreaterThanOrEqualTo(0L);
    assertThat(first.nextShardIterator()).isNotNull();
    GetRecordsResponse rest = kinesis.getRecords(b -> b.shardIterator(first.nextShardIterator()));
    assertThat(rest.records()).hasSize(20);
    assertThat(rest.records().get(0).data().asUtf8String()).isEqualTo("v10");
    assertThat(rest.millisBehindLatest()).isZero();
    GetRecordsResponse empty = kinesis.getRecords(b -> b.shardIterator(rest.nextShardIterator()));
    assertThat(empty.records()).isEmpty();
    assertThat(empty.nextShardIterator()).isNotNull();
  }

  @Test
  void binaryDataAndLargeRecordsRoundTrip() {
    createActive(kinesis, stream, 1);
    byte[] big = new byte[1024 * 1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + 7);
    }
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("big").data(SdkBytes.fromByteArray(big)));
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("empty").data(SdkBytes.fromByteArray(new byte[0])));
    List<Record> read = drain(kinesis, iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
    assertThat(read.get(0).data().asByteArray()).isEqualTo(big);
    assertThat(read.get(1).data().asByteArray()).isEmpty();

    byte[] tooBig = new byte[1024 * 1024 + 1];
    assertError(error(() -> kinesis.putRecord(b -> b.streamName(stream).partitionKey("x")
        .data(SdkBytes.fromByteArray(tooBig)))), "ValidationException", 400,
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]'"
            + " at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576");
  }

  @Test
  void putRecordsLimitsAreEnforced() {
    createActive(kinesis, stream, 1);
    List<PutRecordsRequestEntry> many = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      many.add(PutRecordsRequestEntry.builder().partitionKey("p").data(bytes("x")).build());
    }
    var e = error(() -> kinesis.putRecords(b -> b.streamName(stream).records(many)));
    assertError(e, "ValidationException", 400, null);
    assertThat(e.awsErrorDetails().errorMessage())
        .contains("at 'records' failed to satisfy constraint: Member must have length less than or equal to 500");

    byte[] mb = new byte[1024 * 1024];
    List<PutRecordsRequestEntry> heavy = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      heavy.add(PutRecordsRequestEntry.builder().partitionKey("p").data(SdkBytes.fromByteArray(mb)).build());
    }
    assertError(error(() -> kinesis.putRecords(b -> b.streamName(stream).records(heavy))),
        "InvalidArgumentException", 400, "Records size exceeds 5 MB limit");
    assertThat(drain(kinesis, iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)))
        .as("a rejected request writes nothing").isEmpty();
  }

  @Test
  void badIteratorsAndShardsGetAwsErrors() {
    createActive(kinesis, stream, 1);
    assertError(error(() -> kinesis.getRecords(b -> b.shardIterator("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))),
        "InvalidArgumentException", 400, "Invalid ShardIterator.");
    String good = iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
    char[] chars = good.toCharArray();
    chars[10] = chars[10] == 'A' ? 'B' : 'A';
    String tampered = new String(chars);
    assertError(error(() -> kinesis.getRecords(b -> b.shardIterator(tampered))),
        "InvalidArgumentException", 400, "Invalid ShardIterator.");
    assertError(error(() -> iterator(kinesis, stream, "shardId-000000000007", ShardIteratorType.LATEST)),
        "ResourceNotFoundException", 400,
        "Shard shardId-000000000007 in stream " + stream + " under account 000000000000 does not exist");
    assertError(error(() -> kinesis.putRecord(b -> b.streamName(stream + "-missing").partitionKey("p").data(bytes("x")))),
        "ResourceNotFoundException", 400, "Stream " + stream + "-missing under account 000000000000 not found.");
    assertError(error(() -> kinesis.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER))), "InvalidArgumentException", 400,
        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or"
            + " (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified"
            + " AT_SEQUENCE_NUMBER and no StartingSequenceNumber.");
    assertError(error(() -> kinesis.getShardIterator(b -> b.streamName(stream).shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber("12345"))),
        "InvalidArgumentException", 400, "StartingSequenceNumber 12345 used in GetShardIterator on shard"
            + " shardId-000000000000 in stream " + stream + " under account 000000000000 is invalid.");
  }

  @Test
  void partitionKeysAreValidated() {
    createActive(kinesis, stream, 1);
    String longKey = "k".repeat(257);
    var e = error(() -> kinesis.putRecord(b -> b.streamName(stream).partitionKey(longKey).data(bytes("x"))));
    assertError(e, "ValidationException", 400, "1 validation error detected: Value '" + longKey
        + "' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256");
    List<PutRecordsResultEntry> ok = kinesis.putRecords(b -> b.streamName(stream).records(
        PutRecordsRequestEntry.builder().partitionKey("k".repeat(256)).data(bytes("x")).build())).records();
    assertThat(ok.get(0).sequenceNumber()).isNotNull();
  }
}
