package io.rivulet.flink.source;

import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.streams.api.StreamRecord;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.base.source.reader.fetcher.SingleThreadFetcherManager;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * A FLIP-27 source of a Rivulet stream: one split per shard, shards assigned parents first,
 * positions (the last sequence number emitted per shard) in Flink's checkpoints so a restored
 * job continues exactly after the last record of the checkpoint. Each element carries its
 * record's ApproximateArrivalTimestamp as its timestamp; pick the watermark strategy in
 * {@code env.fromSource(source, strategy, name)}, e.g. bounded out-of-orderness. Build one with
 * {@link #builder()}. Immutable and serializable.
 */
public final class RivuletSource<T>
    implements Source<T, RivuletShardSplit, RivuletEnumeratorState>, ResultTypeQueryable<T> {
  private static final long serialVersionUID = 1L;

  private final RivuletConnection connection;
  private final String stream;
  private final StartingPosition start;
  private final Duration discoveryInterval;
  private final int maxRecordsPerRead;
  private final Duration idleWait;
  private final RivuletDeserializationSchema<T> deserializer;

  private RivuletSource(Builder<T> b) {
    this.connection = Objects.requireNonNull(b.connection, "connection");
    this.stream = Objects.requireNonNull(b.stream, "stream");
    this.start = b.start;
    this.discoveryInterval = b.discoveryInterval;
    this.maxRecordsPerRead = b.maxRecordsPerRead;
    this.idleWait = b.idleWait;
    this.deserializer = Objects.requireNonNull(b.deserializer, "deserializer");
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<RivuletShardSplit, RivuletEnumeratorState> createEnumerator(
      SplitEnumeratorContext<RivuletShardSplit> context) {
    return restoreEnumerator(context, RivuletEnumeratorState.empty());
  }

  @Override
  public SplitEnumerator<RivuletShardSplit, RivuletEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<RivuletShardSplit> context, RivuletEnumeratorState state) {
    return new RivuletSplitEnumerator(context, connection, stream, start, discoveryInterval,
        state);
  }

  @Override
  public SourceReader<T, RivuletShardSplit> createReader(SourceReaderContext context)
      throws Exception {
    deserializer.open(new DeserializationSchema.InitializationContext() {
      @Override
      public MetricGroup getMetricGroup() {
        return context.metricGroup().addGroup("deserializer");
      }

      @Override
      public UserCodeClassLoader getUserCodeClassLoader() {
        return context.getUserCodeClassLoader();
      }
    });
    long idleMillis = idleWait.toMillis();
    AtomicLong behind = new AtomicLong();
    context.metricGroup().gauge("millisBehindLatest", behind::get);
    SingleThreadFetcherManager<StreamRecord, RivuletShardSplit> fetchers =
        new SingleThreadFetcherManager<>(
            () -> new ShardSplitReader(connection, maxRecordsPerRead, idleMillis, behind),
            context.getConfiguration());
    return new RivuletSourceReader<>(fetchers, new RivuletRecordEmitter<>(deserializer),
        context.getConfiguration(), context);
  }

  @Override
  public SimpleVersionedSerializer<RivuletShardSplit> getSplitSerializer() {
    return RivuletShardSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<RivuletEnumeratorState> getEnumeratorCheckpointSerializer() {
    return RivuletEnumeratorStateSerializer.INSTANCE;
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return deserializer.getProducedType();
  }

  /** Builds a {@link RivuletSource}. Not thread-safe. */
  public static final class Builder<T> {
    private RivuletConnection connection = RivuletConnection.inProcess();
    private String stream;
    private StartingPosition start = StartingPosition.trimHorizon();
    private Duration discoveryInterval = Duration.ofSeconds(10);
    private int maxRecordsPerRead = 2_000;
    private Duration idleWait = Duration.ofSeconds(1);
    private RivuletDeserializationSchema<T> deserializer;

    private Builder() {}

    /** How to reach the streams (default: in-process, account 000000000000, us-east-1). */
    public Builder<T> connection(RivuletConnection c) {
      this.connection = c;
      return this;
    }

    /** The stream's name (in the connection's account and region) or ARN. */
    public Builder<T> stream(String nameOrArn) {
      this.stream = nameOrArn;
      return this;
    }

    /** Where to start without restored state (default TRIM_HORIZON). */
    public Builder<T> startingPosition(StartingPosition p) {
      this.start = Objects.requireNonNull(p);
      return this;
    }

    /** How often to look for new shards besides when a shard ends (default 10 s). */
    public Builder<T> shardDiscoveryInterval(Duration d) {
      this.discoveryInterval = Objects.requireNonNull(d);
      return this;
    }

    /** The most records one read of a shard returns (default 2,000; at most 10,000). */
    public Builder<T> maxRecordsPerRead(int n) {
      if (n < 1 || n > 10_000) {
        throw new IllegalArgumentException("maxRecordsPerRead must be 1 to 10000: " + n);
      }
      this.maxRecordsPerRead = n;
      return this;
    }

    /** The longest a reader waits for a wake-up when its shards had nothing (default 1 s). */
    public Builder<T> idleWait(Duration d) {
      this.idleWait = Objects.requireNonNull(d);
      return this;
    }

    public Builder<T> deserializer(RivuletDeserializationSchema<T> d) {
      this.deserializer = d;
      return this;
    }

    /** The record data through a Flink deserialization schema. */
    public Builder<T> valueDeserializer(DeserializationSchema<T> d) {
      this.deserializer = RivuletDeserializationSchema.of(d);
      return this;
    }

    public RivuletSource<T> build() {
      return new RivuletSource<>(this);
    }
  }
}
