package io.rivulet.benchmarks.analytics;

import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.PutEntry;
import io.rivulet.streams.api.PutResult;
import io.rivulet.streams.api.ReadResult;
import io.rivulet.streams.api.ShardInfo;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamInfo;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.api.Watch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StreamsApi} that passes every call to another and counts the records its reads return:
 * registered as the in-process streams, it tells the benchmark how many events the connector's
 * source has taken from the stream without adding anything to the Flink pipeline. Thread-safe.
 */
final class CountingStreams implements StreamsApi {
  private final StreamsApi delegate;
  private final AtomicLong read = new AtomicLong();

  CountingStreams(StreamsApi delegate) {
    this.delegate = delegate;
  }

  /** Records returned by reads since the last {@link #reset()}. */
  long recordsRead() {
    return read.get();
  }

  void reset() {
    read.set(0);
  }

  @Override
  public StreamInfo describe(String account, String region, String streamName) {
    return delegate.describe(account, region, streamName);
  }

  @Override
  public StreamInfo describe(String streamArn) {
    return delegate.describe(streamArn);
  }

  @Override
  public List<ShardInfo> shards(StreamId stream) {
    return delegate.shards(stream);
  }

  @Override
  public ReadResult read(StreamId stream, String shardId, Position from, int maxRecords,
      long maxBytes) {
    ReadResult r = delegate.read(stream, shardId, from, maxRecords, maxBytes);
    read.addAndGet(r.records().size());
    return r;
  }

  @Override
  public Watch watch(StreamId stream, String shardId, Runnable listener) {
    return delegate.watch(stream, shardId, listener);
  }

  @Override
  public CompletableFuture<List<PutResult>> append(StreamId stream, List<PutEntry> entries) {
    return delegate.append(stream, entries);
  }
}
