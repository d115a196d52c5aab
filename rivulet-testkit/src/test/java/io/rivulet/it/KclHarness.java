package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
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
import software.amazon.kinesis.common.KinesisClientUtil;
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

/**
 * What the KCL end-to-end tests share: a KCL 3.5.1 worker in its default (enhanced fan-out)
 * retrieval mode against one Rivulet endpoint, a record processor that reports every record and
 * every checkpoint to a {@link Sink}, a producer, and reads of the lease table.
 *
 * <p>Settings that differ from KCL's defaults in every worker built here: endpoint overrides and
 * static credentials on the three clients; initial position TRIM_HORIZON (so every record written
 * is checkable); {@code disableWorkerMetrics(true)} (what KCL does off EC2 anyway, without probing
 * the EC2 metadata address). Each test adds only timing settings, named in its javadoc.
 */
final class KclHarness {
  private KclHarness() {}

  /** Where the processor reports: a record before its batch is checkpointed, then the checkpoint. */
  interface Sink {
    void record(String shardId, String sequenceNumber, String partitionKey, int value);

    /** A checkpoint that KCL acknowledged (written to the lease table). */
    void checkpoint(String shardId, String sequenceNumber);

    default void shardEnded(String shardId) {}
  }

  /** A running KCL worker: its scheduler on a daemon thread and the clients it owns. */
  static final class Worker {
    final String workerId;
    private final Scheduler scheduler;
    private final Thread thread;
    private final List<AutoCloseable> clients;

    private Worker(String workerId, Scheduler scheduler, List<AutoCloseable> clients) {
      this.workerId = workerId;
      this.scheduler = scheduler;
      this.clients = clients;
      this.thread = new Thread(scheduler, "kcl-" + workerId);
      thread.setDaemon(true);
      thread.start();
    }

    /** Graceful shutdown (bounded), then the clients are closed. */
    void stop() throws Exception {
      try {
        scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        scheduler.shutdown();
      } finally {
        thread.join(TimeUnit.SECONDS.toMillis(30));
        for (AutoCloseable c : clients) {
          c.close();
        }
      }
    }
  }

  /**
   * Starts a worker with KCL's default retrieval (enhanced fan-out: KCL registers the consumer
   * named after the application and subscribes over the Netty client's HTTP/2).
   */
  static Worker start(URI endpoint, String stream, String app, String workerId, Sink sink,
      Consumer<LeaseManagementConfig> timing) {
    KclClients c = KclClients.of(endpoint);
    ConfigsBuilder configs = new ConfigsBuilder(
        new SingleStreamTracker(stream,
            InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
        app, c.kinesis(), c.dynamo(), c.cloudWatch(), workerId, () -> new Processor(sink));
    LeaseManagementConfig leases = configs.leaseManagementConfig();
    leases.workerUtilizationAwareAssignmentConfig().disableWorkerMetrics(true);
    timing.accept(leases);
    Scheduler scheduler = new Scheduler(configs.checkpointConfig(), configs.coordinatorConfig(), leases,
        configs.lifecycleConfig(), configs.metricsConfig(), configs.processorConfig(),
        configs.retrievalConfig());
    return new Worker(workerId, scheduler, List.of(c.kinesis(), c.dynamo(), c.cloudWatch()));
  }

  /**
   * The three clients a KCL application hands to {@link ConfigsBuilder}, all overridden to one
   * endpoint with the test credentials; Kinesis as KCL's sample builds it ({@link
   * KinesisClientUtil}: Netty, HTTP/2, which on {@code http://} is h2c with prior knowledge).
   */
  record KclClients(KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamo, CloudWatchAsyncClient cloudWatch) {
    static KclClients of(URI endpoint) {
      StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
          AwsBasicCredentials.create(Clients.ACCESS_KEY, Clients.SECRET_KEY));
      return new KclClients(
          KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
              .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)),
          DynamoDbAsyncClient.builder()
              .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials).build(),
          CloudWatchAsyncClient.builder()
              .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials).build());
    }
  }

  /** Records what it sees, checkpoints after every batch and at shard end. */
  static final class Processor implements ShardRecordProcessor {
    private final Sink sink;
    private String shardId;

    Processor(Sink sink) {
      this.sink = sink;
    }

    @Override
    public void initialize(InitializationInput input) {
      shardId = input.shardId();
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
      String last = null;
      for (KinesisClientRecord r : input.records()) {
        int value = Integer.parseInt(StandardCharsets.UTF_8.decode(r.data()).toString());
        sink.record(shardId, r.sequenceNumber(), r.partitionKey(), value);
        last = r.sequenceNumber();
      }
      if (last == null) {
        return;
      }
      try {
        input.checkpointer().checkpoint();
      } catch (Exception e) {
        throw new IllegalStateException("checkpoint failed", e);
      }
      sink.checkpoint(shardId, last);
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
      sink.shardEnded(shardId);
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {}
  }

  /** A record the producer wrote: its value, key, shard and sequence number. */
  record Written(int value, String key, String shardId, String sequenceNumber) {}

  /** Writes values {@code from..to-1} (value i under key {@code key-(i % keys)}) in one PutRecords. */
  static List<Written> put(KinesisClient producer, String stream, int from, int to, int keys) {
    List<PutRecordsRequestEntry> batch = new ArrayList<>();
    for (int i = from; i < to; i++) {
      batch.add(PutRecordsRequestEntry.builder().partitionKey("key-" + (i % keys))
          .data(SdkBytes.fromString(Integer.toString(i), StandardCharsets.UTF_8)).build());
    }
    PutRecordsResponse r = producer.putRecords(b -> b.streamName(stream).records(batch));
    assertThat(r.failedRecordCount()).isZero();
    List<Written> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      PutRecordsResultEntry e = r.records().get(i);
      out.add(new Written(from + i, batch.get(i).partitionKey(), e.shardId(), e.sequenceNumber()));
    }
    return out;
  }

  /** The lease items (entityType LEASE or absent) of the application's lease table, by lease key. */
  static Map<String, Map<String, AttributeValue>> leases(DynamoDbClient ddb, String app) {
    Map<String, Map<String, AttributeValue>> out = new HashMap<>();
    for (Map<String, AttributeValue> item : ddb.scanPaginator(b -> b.tableName(app)).items()) {
      AttributeValue type = item.get("entityType");
      if (type == null || "LEASE".equals(type.s())) {
        out.put(item.get("leaseKey").s(), item);
      }
    }
    return out;
  }

  /** One string attribute of each lease, by lease key (absent attributes are left out). */
  static Map<String, String> leaseAttribute(DynamoDbClient ddb, String app, String attribute) {
    Map<String, String> out = new HashMap<>();
    leases(ddb, app).forEach((key, item) -> {
      if (item.containsKey(attribute)) {
        out.put(key, item.get(attribute).s());
      }
    });
    return out;
  }
}
