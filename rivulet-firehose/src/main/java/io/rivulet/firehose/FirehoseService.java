package io.rivulet.firehose;

import io.rivulet.firehose.access.FirehoseAccess;
import io.rivulet.firehose.engine.Destinations;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FileMetadataStore;
import io.rivulet.firehose.engine.FirehoseConfig;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.firehose.engine.MetadataStore;
import io.rivulet.firehose.engine.SourceFactory;
import io.rivulet.firehose.ops.CreateDeliveryStream;
import io.rivulet.firehose.ops.DeleteDeliveryStream;
import io.rivulet.firehose.ops.DescribeDeliveryStream;
import io.rivulet.firehose.ops.ListDeliveryStreams;
import io.rivulet.firehose.ops.ListTagsForDeliveryStream;
import io.rivulet.firehose.ops.PutRecord;
import io.rivulet.firehose.ops.PutRecordBatch;
import io.rivulet.firehose.ops.StartDeliveryStreamEncryption;
import io.rivulet.firehose.ops.StopDeliveryStreamEncryption;
import io.rivulet.firehose.ops.TagDeliveryStream;
import io.rivulet.firehose.ops.UntagDeliveryStream;
import io.rivulet.firehose.ops.UpdateDestination;
import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.log.LogManager;
import io.rivulet.protocol.Operation;
import io.rivulet.protocol.OperationTable;
import io.rivulet.protocol.ServiceDefinition;
import io.rivulet.protocol.ServiceModel;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Amazon Data Firehose as one service: its engine, its operation table (one line per operation)
 * and its service definition for the dispatcher ({@code Firehose_20150804}, AWS JSON 1.1).
 * Thread-safe.
 */
public final class FirehoseService implements Closeable {
  public static final String TARGET_PREFIX = "Firehose_20150804";
  public static final String MODEL_RESOURCE = "/io/rivulet/firehose/firehose-2015-08-04.shapes.json";

  private final FirehoseEngine engine;
  private final ServiceDefinition definition;

  /**
   * @param logs where the delivery streams' buffers live (one log each)
   * @param stateDir where control-plane state and delivery checkpoints live, or null to keep them
   *     in memory
   * @param destinations the destination, processor and S3 output plug-ins
   * @param sources the reader of KinesisStreamAsSource delivery streams
   */
  public FirehoseService(FirehoseConfig config, Clock clock, LogManager logs, Path stateDir,
      Destinations destinations, SourceFactory sources) {
    this(config, clock, logs, stateDir, destinations, sources,
        new Envelope(KeyStore.inMemory(clock)));
  }

  /**
   * @param envelope server-side encryption of the buffers under keys of the local key store
   *     (AWS_OWNED_CMK: a Rivulet-owned key; CUSTOMER_MANAGED_CMK: the KeyARN)
   */
  public FirehoseService(FirehoseConfig config, Clock clock, LogManager logs, Path stateDir,
      Destinations destinations, SourceFactory sources, Envelope envelope) {
    MetadataStore store = stateDir == null ? MetadataStore.inMemory() : new FileMetadataStore(stateDir);
    ServiceModel model = ServiceModel.fromResource(MODEL_RESOURCE);
    DestinationConfigs configs = new DestinationConfigs(model);
    this.engine = new FirehoseEngine(config, clock, logs, store, destinations, sources, envelope);
    List<Operation<?, ?>> operations = List.of(
        new CreateDeliveryStream(engine, configs),
        new DeleteDeliveryStream(engine, configs),
        new DescribeDeliveryStream(engine, configs),
        new ListDeliveryStreams(engine, configs),
        new ListTagsForDeliveryStream(engine, configs),
        new PutRecord(engine, configs),
        new PutRecordBatch(engine, configs),
        new StartDeliveryStreamEncryption(engine, configs),
        new StopDeliveryStreamEncryption(engine, configs),
        new TagDeliveryStream(engine, configs),
        new UntagDeliveryStream(engine, configs),
        new UpdateDestination(engine, configs));
    OperationTable.Builder table = OperationTable.builder();
    operations.forEach(table::add);
    this.definition =
        new ServiceDefinition(TARGET_PREFIX, model, table.build(), FirehoseAccess.rules());
  }

  public ServiceDefinition definition() {
    return definition;
  }

  public FirehoseEngine engine() {
    return engine;
  }

  @Override
  public void close() {
    engine.close();
  }
}
