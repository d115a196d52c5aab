package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

/**
 * The Kinesis Client Library 3.5.1 in its default retrieval mode, enhanced fan-out, against
 * Rivulet: KCL itself looks up (DescribeStreamConsumer), registers (RegisterStreamConsumer) and
 * waits for its consumer, then reads every shard with SubscribeToShard over the Netty async
 * client's HTTP/2. Two phases on one worker and one 2-shard stream:
 *
 * <ol>
 *   <li>{@value #RECORDS} records under {@value #KEYS} partition keys: the processor sees every
 *       record, in order per key; each shard's lease holds its last sequence number as the
 *       checkpoint; the consumer is ACTIVE and the stream was never read with GetRecords;
 *   <li>{@value #RECORDS} more, with a SplitShard of shard 0 halfway while KCL is subscribed: for
 *       every key, the records read from the parent come before any record of that key read from a
 *       child (KCL's lineage handling), nothing is lost or repeated, and the parent's lease is
 *       checkpointed at SHARD_END.
 * </ol>
 *
 * <p>Settings that differ from KCL's defaults: those of {@link KclHarness} (endpoint overrides,
 * TRIM_HORIZON, {@code disableWorkerMetrics}) and one timing setting, {@code
 * shardSyncIntervalMillis} 5 s instead of 60 s (KCL sleeps that long after its first shard sync
 * before the worker loop starts). First records arrive 10-60 s after the worker starts (a random
 * 1-30 s wait for a new lease table, the leader's 20 s assignment cycle); the children of the
 * split need another assignment cycle. Measured: 55-80 s for both phases; each is bounded at 4
 * minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KclFanOutTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final int RECORDS = 1000;
  static final int KEYS = 50;
  static final String STREAM = "kcl-fan-out";
  static final String APP = "kcl-fan-out-app";
  static final String PARENT = "shardId-000000000000";

  /** Per key, in processing order: "value@shard". */
  private final Map<String, List<String>> seenByKey = new ConcurrentHashMap<>();
  private final Map<String, String> checkpointed = new ConcurrentHashMap<>();
  private final AtomicInteger seen = new AtomicInteger();
  private final List<KclHarness.Written> written = new ArrayList<>();
  private KinesisClient producer;
  private KclHarness.Worker worker;

  @BeforeAll
  void startWorker() {
    producer = rivulet.sync(WireMode.CBOR);
    Sdk.createActive(producer, STREAM, 2);
    worker = KclHarness.start(rivulet.endpoint(), STREAM, APP, "worker-" + UUID.randomUUID(),
        new KclHarness.Sink() {
          @Override
          public void record(String shardId, String sequenceNumber, String partitionKey, int value) {
            seenByKey.computeIfAbsent(partitionKey, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(value + "@" + shardId);
            seen.incrementAndGet();
          }

          @Override
          public void checkpoint(String shardId, String sequenceNumber) {
            checkpointed.put(shardId, sequenceNumber);
          }
        },
        leases -> leases.shardSyncIntervalMillis(5_000));
  }

  @AfterAll
  void stopWorker() throws Exception {
    if (worker != null) {
      worker.stop();
    }
  }

  @Test
  @Order(1)
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void fanOutReadsEveryRecordInOrderAndCheckpoints() throws Exception {
    for (int start = 0; start < RECORDS; start += 100) {
      written.addAll(KclHarness.put(producer, STREAM, start, start + 100, KEYS));
    }
    awaitSeen(RECORDS, TimeUnit.MINUTES.toNanos(3));
    assertEveryRecordInOrder();
    Map<String, String> lastByShard = lastSequenceByShard();
    try (DynamoDbClient ddb = DynamoDbSdk.client(rivulet.endpoint())) {
      Map<String, String> checkpoints = Map.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        checkpoints = KclHarness.leaseAttribute(ddb, APP, "checkpoint");
        if (checkpoints.equals(lastByShard)) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(checkpoints).as("lease checkpoints = last sequence number per shard").isEqualTo(lastByShard);
      assertThat(checkpointed).isEqualTo(lastByShard);
    }
    String arn = producer.describeStreamSummary(b -> b.streamName(STREAM)).streamDescriptionSummary().streamARN();
    List<Consumer> consumers = producer.listStreamConsumers(b -> b.streamARN(arn)).consumers();
    assertThat(consumers).as("the consumer KCL registered").singleElement().satisfies(c -> {
      assertThat(c.consumerName()).isEqualTo(APP);
      assertThat(c.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
    });
    assertThat(getRecordsCalls()).as("GetRecords calls on the stream (fan-out subscribes instead)").isZero();
  }

  @Test
  @Order(2)
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aSplitDuringProcessingIsReadParentsFirst() throws Exception {
    awaitSeen(RECORDS, TimeUnit.MINUTES.toNanos(3));
    for (int start = RECORDS; start < RECORDS + RECORDS / 2; start += 100) {
      written.addAll(KclHarness.put(producer, STREAM, start, start + 100, KEYS));
    }
    // shard 0 of 2 covers [0, 2^127): split it in the middle while KCL is subscribed to it
    producer.splitShard(b -> b.streamName(STREAM).shardToSplit(PARENT)
        .newStartingHashKey(BigInteger.ONE.shiftLeft(126).toString()));
    Sdk.awaitActive(producer, STREAM);
    for (int start = RECORDS + RECORDS / 2; start < 2 * RECORDS; start += 100) {
      written.addAll(KclHarness.put(producer, STREAM, start, start + 100, KEYS));
    }
    List<String> children = new ArrayList<>();
    for (KclHarness.Written w : written) {
      if (w.value() >= RECORDS + RECORDS / 2 && !w.shardId().equals("shardId-000000000001")
          && !children.contains(w.shardId())) {
        children.add(w.shardId());
      }
    }
    assertThat(children).as("the split's children took records").hasSize(2).doesNotContain(PARENT);

    awaitSeen(2 * RECORDS, TimeUnit.MINUTES.toNanos(3));
    assertEveryRecordInOrder();
    for (int k = 0; k < KEYS; k++) {
      List<String> order = seenByKey.get("key-" + k);
      int lastParent = -1;
      int firstChild = Integer.MAX_VALUE;
      for (int i = 0; i < order.size(); i++) {
        String shard = order.get(i).substring(order.get(i).indexOf('@') + 1);
        if (shard.equals(PARENT)) {
          lastParent = i;
        } else if (children.contains(shard)) {
          firstChild = Math.min(firstChild, i);
        }
      }
      assertThat(lastParent).as("key-%d: parent records before child records %s", k, order)
          .isLessThan(firstChild);
    }
    Map<String, String> lastByShard = lastSequenceByShard();
    lastByShard.put(PARENT, "SHARD_END");
    try (DynamoDbClient ddb = DynamoDbSdk.client(rivulet.endpoint())) {
      Map<String, Map<String, AttributeValue>> leases = Map.of();
      Map<String, String> checkpoints = Map.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        leases = KclHarness.leases(ddb, APP);
        checkpoints = KclHarness.leaseAttribute(ddb, APP, "checkpoint");
        if (checkpoints.equals(lastByShard)) {
          break;
        }
        Thread.sleep(250);
      }
      assertThat(checkpoints).as("parent at SHARD_END, the others at their last record").isEqualTo(lastByShard);
      for (String child : children) {
        assertThat(leases.get(child).get("parentShardId").ss()).as("lineage of %s", child).containsExactly(PARENT);
      }
      assertThat(leases.get(PARENT).get("childShardIds").ss()).containsExactlyInAnyOrderElementsOf(children);
    }
  }

  private void awaitSeen(int count, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (seen.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    assertThat(seen.get()).as("records seen by the KCL processor").isEqualTo(count);
  }

  /** Every written record exactly once, in write order per key. */
  private void assertEveryRecordInOrder() {
    Map<String, List<String>> expected = new HashMap<>();
    for (KclHarness.Written w : written) {
      expected.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w.value() + "@" + w.shardId());
    }
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      assertThat(seenByKey.get(e.getKey())).as("records of %s in order", e.getKey()).isEqualTo(e.getValue());
    }
  }

  private Map<String, String> lastSequenceByShard() {
    Map<String, String> last = new HashMap<>();
    for (KclHarness.Written w : written) {
      last.put(w.shardId(), w.sequenceNumber());
    }
    return last;
  }

  /** The stream's GetRecords counter at {@code /metrics}. */
  private static double getRecordsCalls() throws Exception {
    URI metrics = rivulet.endpoint().resolve("/metrics");
    String body = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("rivulet_kinesis_get_records_calls_stream_total\\{[^}]*stream=\"" + STREAM
        + "\"[^}]*\\} (\\S+)").matcher(body);
    assertThat(m.find()).as("GetRecords counter for %s in:\n%s", STREAM, body).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
