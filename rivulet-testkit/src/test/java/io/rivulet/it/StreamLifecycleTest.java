package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** CreateStream, DescribeStream(Summary), ListStreams, DeleteStream, DescribeLimits via the SDK. */
@ParameterizedClass
@EnumSource(WireMode.class)
class StreamLifecycleTest {
  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(o -> o.withShardLimit(100));

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String prefix;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    prefix = "life-" + mode.name().toLowerCase() + "-";
  }

  @Test
  void createdStreamIsDescribedWithEvenlySplitShards() {
    String name = prefix + "three";
    Instant before = Instant.now().minusSeconds(1);
    createActive(kinesis, name, 3);
    StreamDescription d = kinesis.describeStream(b -> b.streamName(name)).streamDescription();
    assertThat(d.streamName()).isEqualTo(name);
    assertThat(d.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + name);
    assertThat(d.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    assertThat(d.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
    assertThat(d.retentionPeriodHours()).isEqualTo(24);
    assertThat(d.hasMoreShards()).isFalse();
    assertThat(d.streamCreationTimestamp()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    assertThat(d.shards()).extracting(Shard::shardId)
        .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
    BigInteger expectedStart = BigInteger.ZERO;
    for (Shard s : d.shards()) {
      assertThat(new BigInteger(s.hashKeyRange().startingHashKey())).isEqualTo(expectedStart);
      expectedStart = new BigInteger(s.hashKeyRange().endingHashKey()).add(BigInteger.ONE);
      assertThat(s.sequenceNumberRange().startingSequenceNumber()).matches("\\d+");
      assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNull();
      assertThat(s.parentShardId()).isNull();
    }
    assertThat(expectedStart).isEqualTo(BigInteger.ONE.shiftLeft(128));
  }

  @Test
  void summaryCountsOpenShardsAndAcceptsTheArn() {
    String name = prefix + "summary";
    createActive(kinesis, name, 2);
    String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
    StreamDescriptionSummary s =
        kinesis.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary();
    assertThat(s.streamName()).isEqualTo(name);
    assertThat(s.openShardCount()).isEqualTo(2);
    assertThat(s.consumerCount()).isZero();
    assertThat(s.encryptionType().toString()).isEqualTo("NONE");
    assertThat(s.enhancedMonitoring()).hasSize(1);
  }

  @Test
  void describeStreamPagesShards() {
    String name = prefix + "paged";
    createActive(kinesis, name, 5);
    StreamDescription first = kinesis.describeStream(b -> b.streamName(name).limit(2)).streamDescription();
    assertThat(first.shards()).hasSize(2);
    assertThat(first.hasMoreShards()).isTrue();
    StreamDescription rest = kinesis.describeStream(
        b -> b.streamName(name).exclusiveStartShardId("shardId-000000000001")).streamDescription();
    assertThat(rest.shards()).extracting(Shard::shardId).containsExactly(
        "shardId-000000000002", "shardId-000000000003", "shardId-000000000004");
    assertThat(rest.hasMoreShards()).isFalse();
  }

  @Test
  void onDemandStreamsStartWithFourShards() {
    String name = prefix + "ondemand";
    kinesis.createStream(b -> b.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    Sdk.awaitActive(kinesis, name);
    StreamDescription d = kinesis.describeStream(b -> b.streamName(name)).streamDescription();
    assertThat(d.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
    assertThat(d.shards()).hasSize(4);
  }

  @Test
  void duplicateNamesAreInUse() {
    String name = prefix + "dup";
    createActive(kinesis, name, 1);
    assertError(error(() -> kinesis.createStream(b -> b.streamName(name).shardCount(1))),
        "ResourceInUseException", 400,
        "Stream " + name + " under account 000000000000 already exists.");
  }

  @Test
  void missingStreamsAreNotFound() {
    assertError(error(() -> kinesis.describeStream(b -> b.streamName(prefix + "nope"))),
        "ResourceNotFoundException", 400,
        "Stream " + prefix + "nope under account 000000000000 not found.");
  }

  @Test
  void deletedStreamsDisappear() {
    String name = prefix + "deleted";
    createActive(kinesis, name, 1);
    kinesis.deleteStream(b -> b.streamName(name));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (kinesis.listStreams().streamNames().contains(name)) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Sdk.sleep(20);
    }
    assertError(error(() -> kinesis.describeStream(b -> b.streamName(name))),
        "ResourceNotFoundException", 400, null);
    createActive(kinesis, name, 1); // the name can be used again
  }

  @Test
  void listStreamsPagesInNameOrder() {
    for (String s : List.of("c", "a", "b")) {
      createActive(kinesis, prefix + "list-" + s, 1);
    }
    List<String> mine = kinesis.listStreams(b -> b.limit(100)).streamNames().stream()
        .filter(n -> n.startsWith(prefix + "list-")).toList();
    assertThat(mine).containsExactly(prefix + "list-a", prefix + "list-b", prefix + "list-c");
    ListStreamsResponse page = kinesis.listStreams(b -> b.exclusiveStartStreamName(prefix + "list-a").limit(1));
    assertThat(page.streamNames()).containsExactly(prefix + "list-b");
    assertThat(page.hasMoreStreams()).isTrue();
    assertThat(page.streamSummaries()).hasSize(1);
    assertThat(page.streamSummaries().get(0).streamARN()).endsWith(":stream/" + prefix + "list-b");
    ListStreamsResponse next = kinesis.listStreams(b -> b.nextToken(page.nextToken()).limit(1));
    assertThat(next.streamNames()).containsExactly(prefix + "list-c");
  }

  @Test
  void shardLimitIsEnforcedAndDescribed() {
    DescribeLimitsResponse before = kinesis.describeLimits();
    assertThat(before.shardLimit()).isEqualTo(100);
    assertThat(before.onDemandStreamCountLimit()).isEqualTo(50);
    int free = before.shardLimit() - before.openShardCount();
    var e = error(() -> kinesis.createStream(b -> b.streamName(prefix + "toobig").shardCount(free + 1)));
    assertError(e, "LimitExceededException", 400, null);
    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith("This request would exceed the shard limit for the account 000000000000 in us-east-1.");
    createActive(kinesis, prefix + "counted", 2);
    assertThat(kinesis.describeLimits().openShardCount()).isEqualTo(before.openShardCount() + 2);
  }

  @Test
  void invalidNamesGetValidationErrors() {
    var e = error(() -> kinesis.createStream(b -> b.streamName("bad name!").shardCount(1)));
    assertError(e, "ValidationException", 400, "1 validation error detected: Value 'bad name!' at"
        + " 'streamName' failed to satisfy constraint: Member must satisfy regular expression"
        + " pattern: [a-zA-Z0-9_.-]+");
    var zero = error(() -> kinesis.createStream(b -> b.streamName(prefix + "zero").shardCount(0)));
    assertError(zero, "ValidationException", 400, "1 validation error detected: Value '0' at"
        + " 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
  }
}
