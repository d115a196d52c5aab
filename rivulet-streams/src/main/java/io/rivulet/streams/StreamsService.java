package io.rivulet.streams;

import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsException;
import io.rivulet.kms.KmsKey;
import io.rivulet.log.LogManager;
import io.rivulet.protocol.Operation;
import io.rivulet.protocol.OperationTable;
import io.rivulet.protocol.ServiceDefinition;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.engine.Accounts;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.FileMetadataStore;
import io.rivulet.streams.engine.MetadataStore;
import io.rivulet.streams.engine.RecordCipher;
import io.rivulet.streams.engine.SecretFiles;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsConfig;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.engine.Tokens;
import io.rivulet.streams.ops.AddTagsToStream;
import io.rivulet.streams.ops.CreateStream;
import io.rivulet.streams.ops.DecreaseStreamRetentionPeriod;
import io.rivulet.streams.ops.DeleteResourcePolicy;
import io.rivulet.streams.ops.DeleteStream;
import io.rivulet.streams.ops.DescribeAccountSettings;
import io.rivulet.streams.ops.DescribeLimits;
import io.rivulet.streams.ops.DescribeStream;
import io.rivulet.streams.ops.DescribeStreamSummary;
import io.rivulet.streams.ops.DisableEnhancedMonitoring;
import io.rivulet.streams.ops.EnableEnhancedMonitoring;
import io.rivulet.streams.ops.GetRecords;
import io.rivulet.streams.ops.GetResourcePolicy;
import io.rivulet.streams.ops.GetShardIterator;
import io.rivulet.streams.ops.IncreaseStreamRetentionPeriod;
import io.rivulet.streams.ops.KinesisAccess;
import io.rivulet.streams.ops.ListShards;
import io.rivulet.streams.ops.ListStreams;
import io.rivulet.streams.ops.ListTagsForResource;
import io.rivulet.streams.ops.ListTagsForStream;
import io.rivulet.streams.ops.MergeShards;
import io.rivulet.streams.ops.PutRecord;
import io.rivulet.streams.ops.PutRecords;
import io.rivulet.streams.ops.ListStreamConsumers;
import io.rivulet.streams.ops.DeregisterStreamConsumer;
import io.rivulet.streams.ops.DescribeStreamConsumer;
import io.rivulet.streams.ops.RegisterStreamConsumer;
import io.rivulet.streams.ops.PutResourcePolicy;
import io.rivulet.streams.ops.RateLimited;
import io.rivulet.streams.ops.RemoveTagsFromStream;
import io.rivulet.streams.ops.SplitShard;
import io.rivulet.streams.ops.SubscribeToShard;
import io.rivulet.streams.ops.StartStreamEncryption;
import io.rivulet.streams.ops.StopStreamEncryption;
import io.rivulet.streams.ops.TagResource;
import io.rivulet.streams.ops.UntagResource;
import io.rivulet.streams.ops.UpdateAccountSettings;
import io.rivulet.streams.ops.UpdateMaxRecordSize;
import io.rivulet.streams.ops.UpdateShardCount;
import io.rivulet.streams.ops.UpdateStreamMode;
import io.rivulet.streams.ops.UpdateStreamWarmThroughput;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kinesis Data Streams as one service: its engine, its operation table (one line per operation)
 * and its service definition for the dispatcher. Thread-safe.
 */
public final class StreamsService implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(StreamsService.class);
  public static final String TARGET_PREFIX = "Kinesis_20131202";
  public static final String MODEL_RESOURCE = "/io/rivulet/streams/kinesis-2013-12-02.shapes.json";

  private final StreamsEngine engine;
  private final DataPlane data;
  private final ServiceDefinition definition;
  private final StreamsApi api;

  /**
   * With a key store of this process only (encryption at rest then lasts as long as the process).
   *
   * @param stateDir where control-plane state and the token secret live, or null to keep them in
   *     memory
   */
  public StreamsService(StreamsConfig config, Clock clock, LogManager logs, Path stateDir) {
    this(config, clock, logs, stateDir, new Envelope(KeyStore.inMemory(clock)));
  }

  /**
   * @param stateDir where control-plane state and the token secret live, or null to keep them in
   *     memory
   * @param envelope encryption at rest under the keys of the local key store
   */
  public StreamsService(StreamsConfig config, Clock clock, LogManager logs, Path stateDir,
      Envelope envelope) {
    MetadataStore store = stateDir == null ? MetadataStore.inMemory() : new FileMetadataStore(stateDir);
    this.engine = new StreamsEngine(config, clock, logs, store);
    Accounts accounts = new Accounts(store, clock);
    RecordCipher cipher = new RecordCipher(stateDir, envelope);
    if (envelope.store().fresh()) {
      adoptKeyIds(engine, envelope.store());
    }
    this.data = new DataPlane(engine, new Tokens(SecretFiles.readOrCreate(stateDir, "token.key", 32)),
        cipher);
    this.api = new LocalStreamsApi(engine, data);
    ServiceModel model = ServiceModel.fromResource(MODEL_RESOURCE);
    List<String> metrics = model.shape("MetricsName").enumValues().stream()
        .filter(m -> !m.equals("ALL")).toList();
    List<Operation<?, ?>> operations = List.of(
        new AddTagsToStream(engine, data),
        new CreateStream(engine, data, accounts),
        new DecreaseStreamRetentionPeriod(engine, data),
        new DeleteResourcePolicy(engine, data),
        new DeleteStream(engine, data),
        new DeregisterStreamConsumer(engine, data),
        new DescribeStreamConsumer(engine, data),
        new ListStreamConsumers(engine, data),
        new RegisterStreamConsumer(engine, data),
        new DescribeAccountSettings(engine, data, accounts),
        new DescribeLimits(engine, data),
        new DescribeStream(engine, data),
        new DescribeStreamSummary(engine, data),
        new DisableEnhancedMonitoring(engine, data, metrics),
        new EnableEnhancedMonitoring(engine, data, metrics),
        new GetRecords(engine, data),
        new GetResourcePolicy(engine, data),
        new GetShardIterator(engine, data),
        new IncreaseStreamRetentionPeriod(engine, data),
        new ListShards(engine, data),
        new ListStreams(engine, data),
        new ListTagsForResource(engine, data),
        new ListTagsForStream(engine, data),
        new MergeShards(engine, data),
        new PutRecord(engine, data),
        new PutRecords(engine, data),
        new PutResourcePolicy(engine, data),
        new RemoveTagsFromStream(engine, data),
        new SplitShard(engine, data),
        new SubscribeToShard(engine, data),
        new StartStreamEncryption(engine, data),
        new StopStreamEncryption(engine, data),
        new TagResource(engine, data),
        new UntagResource(engine, data),
        new UpdateAccountSettings(engine, data, accounts),
        new UpdateMaxRecordSize(engine, data),
        new UpdateShardCount(engine, data),
        new UpdateStreamMode(engine, data, accounts),
        new UpdateStreamWarmThroughput(engine, data, accounts));
    OperationTable.Builder table = OperationTable.builder();
    for (Operation<?, ?> op : operations) {
      table.add(config.capacity().throttling() ? RateLimited.wrap(op, clock) : op);
    }
    this.definition =
        new ServiceDefinition(TARGET_PREFIX, model, table.build(), KinesisAccess.rules(engine, data));
  }

  public ServiceDefinition definition() {
    return definition;
  }

  public StreamsEngine engine() {
    return engine;
  }

  public DataPlane data() {
    return data;
  }

  /** Data Streams as Firehose, Analytics and Video use it (never the engine or data plane). */
  /**
   * The first start with a key store: every KeyId a stream is encrypted under (accepted unchecked
   * before the key store existed) becomes a key of the store, so writes go on.
   */
  private static void adoptKeyIds(StreamsEngine engine, KeyStore keys) {
    Set<StreamMeta> seen = new HashSet<>();
    for (StreamsEngine.ShardView v : engine.shardViews()) {
      StreamMeta m = v.stream();
      if (seen.add(m) && StreamMeta.KMS.equals(m.encryptionType())) {
        try {
          KmsKey k = keys.adopt(m.keyId(), m.account(), m.region());
          log.info("stream {} is encrypted under {}: now key {} of the key store", m.name(),
              m.keyId(), k.arn());
        } catch (KmsException e) {
          log.warn("stream {} is encrypted under {}, which the key store cannot adopt: {}",
              m.name(), m.keyId(), e.getMessage());
        }
      }
    }
  }

  public StreamsApi api() {
    return api;
  }

  @Override
  public void close() {
    data.fanOut().close();
    engine.close();
  }
}
