package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * The Kinesis Client Library 3.5.1 (from Maven Central) against Rivulet, unchanged: its Kinesis
 * (async, Netty, HTTP/2 with prior knowledge, CBOR), DynamoDB and CloudWatch clients all point at
 * the one Rivulet endpoint. A producer writes {@value #RECORDS} records under {@value #KEYS}
 * partition keys to a 2-shard stream; the record processor must see every record, in order per
 * partition key; each shard's lease must then hold the last sequence number as its checkpoint;
 * KCL's CloudWatch metrics must show up at {@code /metrics}.
 *
 * <p>Settings that differ from KCL's defaults, and why:
 * <ul>
 *   <li>endpoint overrides (and static test credentials) on the three clients;
 *   <li>polling retrieval ({@link PollingConfig}) instead of enhanced fan-out;
 *   <li>{@code workerUtilizationAwareAssignmentConfig.disableWorkerMetrics(true)}: off EC2 this is
 *       what KCL ends up doing anyway, without probing the EC2 metadata address;
 *   <li>initial position TRIM_HORIZON (the default is LATEST), so records written before KCL's
 *       first GetShardIterator are read, which makes "every record" checkable;
 *   <li>timing only: {@code shardSyncIntervalMillis} 5 s instead of 60 s (KCL sleeps that long
 *       after its first shard sync before the worker loop starts).
 * </ul>
 * First records still arrive 10-60 s after {@code Scheduler.run()} (a random 1-30 s wait for a
 * new lease table, the leader's 20 s assignment cycle), so the test is bounded at 4 minutes.
 */
class KclEndToEndTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final int RECORDS = 1000;
  static final int KEYS = 50;

  private final Map<String, List<Integer>> seenByKey = new ConcurrentHashMap<>();
  private final Map<String, String> lastSequenceByShard = new ConcurrentHashMap<>();
  private final AtomicInteger seen = new AtomicInteger();

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void kclReadsEveryRecordInOrderAndCheckpoints() throws Exception {
    String stream = "kcl-e2e";
    String app = "kcl-e2e-app";
    URI endpoint = rivulet.endpoint();
    KinesisClient producer = rivulet.sync(WireMode.CBOR);
    Sdk.createActive(producer, stream, 2);
    Map<String, String> shardOfSequence = produce(producer, stream);

    KclHarness.KclClients clients = KclHarness.KclClients.of(endpoint);
    KinesisAsyncClient kinesis = clients.kinesis();
    DynamoDbAsyncClient dynamo = clients.dynamo();
    CloudWatchAsyncClient cloudWatch = clients.cloudWatch();
    ConfigsBuilder configs = new ConfigsBuilder(
        new SingleStreamTracker(stream,
            InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
        app, kinesis, dynamo, cloudWatch, "worker-" + UUID.randomUUID(), Processor::new);
    LeaseManagementConfig leases = configs.leaseManagementConfig().shardSyncIntervalMillis(5_000);
    leases.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(true);
    Scheduler scheduler = new Scheduler(configs.checkpointConfig(), configs.coordinatorConfig(), leases,
        configs.lifecycleConfig(), configs.metricsConfig(), configs.processorConfig(),
        configs.retrievalConfig().retrievalSpecificConfig(new PollingConfig(stream, kinesis)));
    Thread worker = new Thread(scheduler, "kcl-scheduler");
    worker.setDaemon(true);
    worker.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (seen.get() < RECORDS && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      assertThat(seen.get()).as("records seen by the KCL processor").isEqualTo(RECORDS);
      for (int k = 0; k < KEYS; k++) {
        List<Integer> expected = new ArrayList<>();
        for (int i = k; i < RECORDS; i += KEYS) {
          expected.add(i);
        }
        assertThat(seenByKey.get("key-" + k)).as("records of key-%d in order", k).isEqualTo(expected);
      }
      assertCheckpoints(app, shardOfSequence);
      awaitMetrics(app);
    } finally {
      Future<Boolean> shutdown = scheduler.startGracefulShutdown();
      shutdown.get(60, TimeUnit.SECONDS);
      worker.join(TimeUnit.SECONDS.toMillis(30));
      kinesis.close();
      dynamo.close();
      cloudWatch.close();
    }
  }

  /** Writes the records (value i under key i % KEYS) in batches; returns each shard's last sequence number. */
  private static Map<String, String> produce(KinesisClient producer, String stream) {
    Map<String, String> lastByShard = new HashMap<>();
    for (int start = 0; start < RECORDS; start += 100) {
      List<PutRecordsRequestEntry> batch = new ArrayList<>();
      for (int i = start; i < start + 100; i++) {
        batch.add(PutRecordsRequestEntry.builder().partitionKey("key-" + (i % KEYS))
            .data(SdkBytes.fromString(Integer.toString(i), StandardCharsets.UTF_8)).build());
      }
      PutRecordsResponse r = producer.putRecords(b -> b.streamName(stream).records(batch));
      assertThat(r.failedRecordCount()).isZero();
      for (PutRecordsResultEntry e : r.records()) {
        lastByShard.put(e.shardId(), e.sequenceNumber());
      }
    }
    return lastByShard;
  }

  private void assertCheckpoints(String app, Map<String, String> lastByShard) throws InterruptedException {
    try (DynamoDbClient ddb = DynamoDbSdk.client(rivulet.endpoint())) {
      Map<String, String> checkpoints = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      do {
        checkpoints.clear();
        for (Map<String, AttributeValue> item : ddb.scan(b -> b.tableName(app)).items()) {
          if (item.containsKey("checkpoint") && item.get("leaseKey").s().startsWith("shardId-")) {
            checkpoints.put(item.get("leaseKey").s(), item.get("checkpoint").s());
          }
        }
        if (checkpoints.equals(lastByShard)) {
          break;
        }
        Thread.sleep(250);
      } while (System.nanoTime() < deadline);
      assertThat(checkpoints).as("lease checkpoints = last sequence number per shard").isEqualTo(lastByShard);
      assertThat(lastSequenceByShard).isEqualTo(lastByShard);
    }
  }

  /** KCL publishes its metrics to CloudWatch every 10 s; Rivulet shows them at /metrics. */
  private static void awaitMetrics(String app) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get = HttpRequest.newBuilder(rivulet.endpoint().resolve("/metrics")).build();
    String body = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (System.nanoTime() < deadline) {
      body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
      if (body.contains("rivulet_cloudwatch_RecordsProcessed{namespace=\"" + app + "\"")) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(body).contains("rivulet_cloudwatch_RecordsProcessed{namespace=\"" + app + "\"");
  }

  /** Records what it sees and checkpoints after every batch. */
  private final class Processor implements ShardRecordProcessor {
    private String shardId;

    @Override
    public void initialize(InitializationInput input) {
      shardId = input.shardId();
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
      for (KinesisClientRecord r : input.records()) {
        int value = Integer.parseInt(StandardCharsets.UTF_8.decode(r.data()).toString());
        seenByKey.computeIfAbsent(r.partitionKey(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
            .add(value);
        lastSequenceByShard.put(shardId, r.sequenceNumber());
      }
      try {
        input.checkpointer().checkpoint();
      } catch (Exception e) {
        throw new IllegalStateException("checkpoint failed", e);
      }
      seen.addAndGet(input.records().size());
    }

    @Override
    public void leaseLost(LeaseLostInput input) {}

    @Override
    public void shardEnded(ShardEndedInput input) {
      try {
        input.checkpointer().checkpoint();
      } catch (Exception e) {
        throw new IllegalStateException("checkpoint failed", e);
      }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {}
  }
}
