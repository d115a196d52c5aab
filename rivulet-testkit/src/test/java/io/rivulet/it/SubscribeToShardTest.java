package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import io.rivulet.testkit.WireMode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * SubscribeToShard through the SDK's async client (HTTP/2 with prior knowledge): records pushed
 * live, continuation across re-subscription, the concurrent-subscription error, ChildShards after
 * a split, expiry after 5 minutes on the injected clock.
 */
@ParameterizedClass
@EnumSource(WireMode.class)
class SubscribeToShardTest {
  static final TestClock clock = new TestClock();

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock));

  @Parameter WireMode mode;
  KinesisClient kinesis;
  KinesisAsyncClient async;
  String stream;
  String consumerArn;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    async = rivulet.async(mode);
    stream = "fan-" + mode.name().toLowerCase() + "-" + (++counter);
    Sdk.createActive(kinesis, stream, 1);
    String arn = kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamARN();
    consumerArn = kinesis.registerStreamConsumer(b -> b.streamARN(arn).consumerName("app")).consumer().consumerARN();
    assertThat(kinesis.describeStreamConsumer(b -> b.consumerARN(consumerArn)).consumerDescription().consumerStatus())
        .isEqualTo(ConsumerStatus.ACTIVE);
  }

  /** A live subscription: its events and the future that ends with it. */
  record Live(BlockingQueue<SubscribeToShardEvent> events, CompletableFuture<Void> done) {
    SubscribeToShardEvent next() throws InterruptedException {
      SubscribeToShardEvent e = events.poll(10, TimeUnit.SECONDS);
      assertThat(e).as("an event within 10 s").isNotNull();
      return e;
    }

    /** Events until {@code n} records arrived; returns the records' data in order. */
    List<String> records(int n) throws InterruptedException {
      List<String> out = new ArrayList<>();
      while (out.size() < n) {
        next().records().forEach(r -> out.add(r.data().asUtf8String()));
      }
      return out;
    }
  }

  Live subscribe(String shardId, ShardIteratorType type, String sequence) {
    BlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
    SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
        .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
            .onSubscribeToShardEvent(events::add).build())
        .build();
    CompletableFuture<Void> done = async.subscribeToShard(b -> b.consumerARN(consumerArn).shardId(shardId)
        .startingPosition(p -> p.type(type).sequenceNumber(sequence)), handler);
    return new Live(events, done);
  }

  void put(String data) {
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("k").data(Sdk.bytes(data)));
  }

  @Test
  void recordsArePushedAsTheyAreAppended() throws Exception {
    put("before");
    Live live = subscribe("shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
    assertThat(live.records(1)).containsExactly("before");
    long start = System.nanoTime();
    put("live-1");
    SubscribeToShardEvent e = live.next();
    while (e.records().isEmpty()) { // a heartbeat may come first
      e = live.next();
    }
    assertThat(e.records()).extracting(r -> r.data().asUtf8String()).containsExactly("live-1");
    assertThat(System.nanoTime() - start).as("pushed, not polled").isLessThan(2_000_000_000L);
    assertThat(e.continuationSequenceNumber()).isEqualTo(e.records().get(0).sequenceNumber());
    assertThat(e.millisBehindLatest()).isZero();
    live.done().cancel(true);
  }

  @Test
  void continuationResumesWithoutLossOrDuplicates() throws Exception {
    for (int i = 0; i < 5; i++) {
      put("r" + i);
    }
    Live first = subscribe("shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
    SubscribeToShardEvent e = first.next();
    assertThat(e.records()).hasSize(5);
    String continuation = e.continuationSequenceNumber();
    assertThat(catchThrowable(() -> subscribe("shardId-000000000000", ShardIteratorType.LATEST, null).done()
        .get(10, TimeUnit.SECONDS))).hasCauseInstanceOf(ResourceInUseException.class);
    clock.advance(Duration.ofSeconds(6)); // a newer subscription takes over after 5 s
    for (int i = 5; i < 8; i++) {
      put("r" + i);
    }
    Live second = subscribe("shardId-000000000000", ShardIteratorType.AFTER_SEQUENCE_NUMBER, continuation);
    assertThat(second.records(3)).containsExactly("r5", "r6", "r7");
    assertThat(catchThrowable(() -> first.done().get(10, TimeUnit.SECONDS)))
        .as("the old subscription ends when taken over").hasCauseInstanceOf(ResourceInUseException.class);
    second.done().cancel(true);
  }

  @Test
  void anEmptyStartResumesFromTheFirstRecord() throws Exception {
    Live first = subscribe("shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
    SubscribeToShardEvent heartbeat = first.next();
    assertThat(heartbeat.records()).isEmpty();
    first.done().cancel(true);
    clock.advance(Duration.ofSeconds(6));
    put("first");
    Live second = subscribe("shardId-000000000000", ShardIteratorType.AFTER_SEQUENCE_NUMBER,
        heartbeat.continuationSequenceNumber());
    assertThat(second.records(1)).containsExactly("first");
    second.done().cancel(true);
  }

  @Test
  void aClosedShardEndsWithItsChildren() throws Exception {
    put("parent-record");
    Live live = subscribe("shardId-000000000000", ShardIteratorType.TRIM_HORIZON, null);
    assertThat(live.records(1)).containsExactly("parent-record");
    kinesis.splitShard(b -> b.streamName(stream).shardToSplit("shardId-000000000000")
        .newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
    SubscribeToShardEvent e = live.next();
    while (e.childShards() == null || e.childShards().isEmpty()) {
      e = live.next();
    }
    assertThat(e.childShards()).extracting(ChildShard::shardId)
        .containsExactlyInAnyOrder("shardId-000000000001", "shardId-000000000002");
    assertThat(e.continuationSequenceNumber()).as("no continuation at the shard's end (KCL requires it)").isNull();
    live.done().get(10, TimeUnit.SECONDS); // the stream ends after the last event
  }

  @Test
  void subscriptionsEndAfterFiveMinutes() throws Exception {
    Live live = subscribe("shardId-000000000000", ShardIteratorType.LATEST, null);
    live.next();
    clock.advance(Duration.ofMinutes(5));
    live.done().get(10, TimeUnit.SECONDS);
  }
}
