package io.rivulet.streams;

import io.rivulet.log.LogManager;
import io.rivulet.protocol.OperationTable;
import io.rivulet.protocol.ServiceDefinition;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.FileMetadataStore;
import io.rivulet.streams.engine.MetadataStore;
import io.rivulet.streams.engine.StreamsConfig;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.engine.Tokens;
import io.rivulet.streams.ops.AddTagsToStream;
import io.rivulet.streams.ops.CreateStream;
import io.rivulet.streams.ops.DecreaseStreamRetentionPeriod;
import io.rivulet.streams.ops.DeleteStream;
import io.rivulet.streams.ops.DescribeLimits;
import io.rivulet.streams.ops.DescribeStream;
import io.rivulet.streams.ops.DescribeStreamSummary;
import io.rivulet.streams.ops.GetRecords;
import io.rivulet.streams.ops.GetShardIterator;
import io.rivulet.streams.ops.IncreaseStreamRetentionPeriod;
import io.rivulet.streams.ops.ListShards;
import io.rivulet.streams.ops.ListStreams;
import io.rivulet.streams.ops.ListTagsForStream;
import io.rivulet.streams.ops.MergeShards;
import io.rivulet.streams.ops.PutRecord;
import io.rivulet.streams.ops.PutRecords;
import io.rivulet.streams.ops.RemoveTagsFromStream;
import io.rivulet.streams.ops.SplitShard;
import io.rivulet.streams.ops.UpdateShardCount;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Kinesis Data Streams as one service: its engine, its operation table (one line per operation)
 * and its service definition for the dispatcher. Thread-safe.
 */
public final class StreamsService implements Closeable {
  public static final String TARGET_PREFIX = "Kinesis_20131202";
  public static final String MODEL_RESOURCE = "/io/rivulet/streams/kinesis-2013-12-02.shapes.json";

  private final StreamsEngine engine;
  private final DataPlane data;
  private final ServiceDefinition definition;

  /**
   * @param stateDir where control-plane state and the token secret live, or null to keep them in
   *     memory
   */
  public StreamsService(StreamsConfig config, Clock clock, LogManager logs, Path stateDir) {
    MetadataStore store = stateDir == null ? MetadataStore.inMemory() : new FileMetadataStore(stateDir);
    this.engine = new StreamsEngine(config, clock, logs, store);
    this.data = new DataPlane(engine, new Tokens(secret(stateDir)));
    OperationTable table = OperationTable.builder()
        .add(new AddTagsToStream(engine, data))
        .add(new CreateStream(engine, data))
        .add(new DecreaseStreamRetentionPeriod(engine, data))
        .add(new DeleteStream(engine, data))
        .add(new DescribeLimits(engine, data))
        .add(new DescribeStream(engine, data))
        .add(new DescribeStreamSummary(engine, data))
        .add(new GetRecords(engine, data))
        .add(new GetShardIterator(engine, data))
        .add(new IncreaseStreamRetentionPeriod(engine, data))
        .add(new ListShards(engine, data))
        .add(new ListStreams(engine, data))
        .add(new ListTagsForStream(engine, data))
        .add(new MergeShards(engine, data))
        .add(new PutRecord(engine, data))
        .add(new PutRecords(engine, data))
        .add(new RemoveTagsFromStream(engine, data))
        .add(new SplitShard(engine, data))
        .add(new UpdateShardCount(engine, data))
        .build();
    this.definition =
        new ServiceDefinition(TARGET_PREFIX, ServiceModel.fromResource(MODEL_RESOURCE), table);
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

  /** The secret that seals iterators and tokens: kept in {@code stateDir} so they survive restarts. */
  private static byte[] secret(Path stateDir) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    if (stateDir == null) {
      return fresh;
    }
    Path file = stateDir.resolve("token.key");
    try {
      if (Files.exists(file)) {
        return Files.readAllBytes(file);
      }
      Files.createDirectories(stateDir);
      Path tmp = stateDir.resolve("token.key.tmp");
      Files.write(tmp, fresh);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    engine.close();
  }
}
