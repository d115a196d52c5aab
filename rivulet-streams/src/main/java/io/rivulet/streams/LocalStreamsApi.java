package io.rivulet.streams;

import io.rivulet.protocol.AwsException;
import io.rivulet.streams.api.ChildShard;
import io.rivulet.streams.api.InvalidArgumentException;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.PutEntry;
import io.rivulet.streams.api.PutResult;
import io.rivulet.streams.api.ReadResult;
import io.rivulet.streams.api.ShardInfo;
import io.rivulet.streams.api.ShardNotFoundException;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamInfo;
import io.rivulet.streams.api.StreamNotActiveException;
import io.rivulet.streams.api.StreamNotFoundException;
import io.rivulet.streams.api.StreamRecord;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.api.StreamsApiException;
import io.rivulet.streams.api.Watch;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.FanOut;
import io.rivulet.streams.engine.HashKeys;
import io.rivulet.streams.engine.SequenceNumbers;
import io.rivulet.streams.engine.ShardMeta;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StreamsApi} over this process's engine and data plane: reads are the fan-out read path
 * (GetRecords without iterators or read throttling), appends are PutRecords' path, watches are
 * fan-out wake-ups. Thread-safe (stateless beyond the engine).
 */
final class LocalStreamsApi implements StreamsApi {
  private static final Logger log = LoggerFactory.getLogger(LocalStreamsApi.class);
  private static final Pattern ARN =
      Pattern.compile("arn:aws[^:]*:kinesis:([^:]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

  private final StreamsEngine engine;
  private final DataPlane data;

  LocalStreamsApi(StreamsEngine engine, DataPlane data) {
    this.engine = engine;
    this.data = data;
  }

  // ---------------------------------------------------------------- streams and shards

  @Override
  public StreamInfo describe(String account, String region, String streamName) {
    StreamMeta m;
    try {
      m = engine.describe(new StreamKey(account, region, streamName));
    } catch (AwsException e) {
      throw new StreamNotFoundException(e.getMessage());
    }
    return new StreamInfo(id(m), m.status(), m.mode(), m.retentionHours(), m.encryptionType(),
        m.maxRecordSizeKiB());
  }

  @Override
  public StreamInfo describe(String streamArn) {
    Matcher a = streamArn == null ? null : ARN.matcher(streamArn);
    if (a == null || !a.matches()) {
      throw new InvalidArgumentException("Invalid StreamARN " + streamArn + ".");
    }
    return describe(a.group(2), a.group(1), a.group(3));
  }

  @Override
  public List<ShardInfo> shards(StreamId stream) {
    List<ShardInfo> out = new ArrayList<>();
    for (ShardMeta s : Shapes.visibleShards(current(stream))) {
      out.add(new ShardInfo(s.shardId(), s.parentShardId(), s.adjacentParentShardId(),
          s.startHash(), s.endHash(), s.startingSequenceNumber(), s.endingSequenceNumber()));
    }
    out.sort(Comparator.comparing(ShardInfo::shardId));
    return out;
  }

  private static StreamId id(StreamMeta m) {
    return new StreamId(m.account(), m.region(), m.name(), m.createdMillis());
  }

  private static StreamKey key(StreamId id) {
    return new StreamKey(id.account(), id.region(), id.name());
  }

  /** The incarnation's metadata, or StreamNotFound when it is gone, DELETING or replaced. */
  private StreamMeta current(StreamId id) {
    StreamMeta m;
    try {
      m = engine.describe(key(id));
    } catch (AwsException e) {
      throw new StreamNotFoundException(e.getMessage());
    }
    if (m.createdMillis() != id.createdMillis() || m.status().equals(StreamMeta.DELETING)) {
      throw new StreamNotFoundException("Stream " + id.name() + " under account " + id.account()
          + " not found.");
    }
    return m;
  }

  /** {@link #current}, and StreamNotActive while it is CREATING. */
  private StreamMeta readable(StreamId id) {
    StreamMeta m = current(id);
    if (!m.writable()) {
      throw new StreamNotActiveException("Stream " + id.name() + " under account " + id.account()
          + " not ACTIVE, instead in state " + m.status());
    }
    return m;
  }

  private static ShardMeta shard(StreamMeta m, String shardId) {
    int index = ShardMeta.parseIndex(shardId);
    ShardMeta s = index < 0 ? null : m.shard(index);
    if (s == null) {
      throw new ShardNotFoundException("Shard " + shardId + " in stream " + m.name()
          + " under account " + m.account() + " does not exist");
    }
    return s;
  }

  /** An engine error as this package's exception (not-found: of the stream, else of the shard). */
  private RuntimeException translate(AwsException e, StreamId id) {
    String code = e.code().type();
    if (code.equals(KinesisError.RESOURCE_NOT_FOUND.type())) {
      current(id); // throws StreamNotFound when the stream itself is gone
      return new ShardNotFoundException(e.getMessage());
    }
    if (code.equals(KinesisError.INVALID_ARGUMENT.type()) || code.equals("ValidationException")) {
      return new InvalidArgumentException(e.getMessage());
    }
    return new StreamsApiException(code + ": " + e.getMessage(), e);
  }

  // ---------------------------------------------------------------- reads

  @Override
  public ReadResult read(StreamId stream, String shardId, Position from, int maxRecords,
      long maxBytes) {
    if (maxRecords < 1 || maxRecords > MAX_READ_RECORDS || maxBytes < 1) {
      throw new InvalidArgumentException("maxRecords must be 1 to " + MAX_READ_RECORDS
          + " and maxBytes positive; got " + maxRecords + " and " + maxBytes);
    }
    StreamMeta m = readable(stream);
    ShardMeta shard = shard(m, shardId);
    StreamKey key = key(stream);
    try {
      long offset = data.startOffset(key, shardId, from.type().name(), from.sequenceNumber(),
          from.timestamp());
      DataPlane.Batch b = data.readForSubscription(key, stream.createdMillis(), shard.index(),
          offset, maxRecords, Math.min(maxBytes, MAX_READ_BYTES));
      List<StreamRecord> records = new ArrayList<>(b.records().size());
      for (DataPlane.ReadRecord r : b.records()) {
        records.add(new StreamRecord(r.sequenceNumber(), r.arrival(), r.partitionKey(), r.data(),
            r.encrypted() ? StreamMeta.KMS : null));
      }
      Position next = Position.afterSequenceNumber(
          SequenceNumbers.encode(shard.index(), shard.createdMillis(), b.next() - 1));
      List<ChildShard> children = new ArrayList<>();
      if (b.shardEnded()) {
        for (Shapes.ChildShard c : Shapes.childShards(engine.describe(key), shard)) {
          children.add(new ChildShard(c.shardId(), c.parentShards(),
              new BigInteger(c.hashKeyRange().startingHashKey()),
              new BigInteger(c.hashKeyRange().endingHashKey())));
        }
      }
      return new ReadResult(records, next, b.millisBehindLatest(), b.shardEnded(), children);
    } catch (AwsException e) {
      throw translate(e, stream);
    }
  }

  @Override
  public Watch watch(StreamId stream, String shardId, Runnable listener) {
    StreamMeta m = readable(stream);
    ShardWatch w = new ShardWatch(m.logName(shard(m, shardId)), listener);
    data.fanOut().watch(w);
    return w;
  }

  /** A watch: a fan-out subscriber whose drain is the listener. Thread-safe. */
  private final class ShardWatch implements FanOut.Subscriber, Watch {
    private final String logName;
    private final Runnable listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    ShardWatch(String logName, Runnable listener) {
      this.logName = logName;
      this.listener = listener;
    }

    @Override
    public String logName() {
      return logName;
    }

    @Override
    public void drain() {
      if (closed.get()) {
        return;
      }
      try {
        listener.run();
      } catch (RuntimeException e) {
        log.warn("watch listener of {} failed", logName, e);
      }
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        data.fanOut().unwatch(this);
      }
    }
  }

  // ---------------------------------------------------------------- appends

  @Override
  public CompletableFuture<List<PutResult>> append(StreamId stream, List<PutEntry> entries) {
    if (entries == null || entries.isEmpty() || entries.size() > MAX_APPEND_RECORDS) {
      throw new InvalidArgumentException("An append takes 1 to " + MAX_APPEND_RECORDS
          + " records; got " + (entries == null ? 0 : entries.size()));
    }
    StreamMeta m = readable(stream);
    long maxData = m.maxRecordSizeKiB() * 1024L;
    long total = 0;
    List<DataPlane.PutEntry> put = new ArrayList<>(entries.size());
    for (PutEntry e : entries) {
      String pk = e.partitionKey();
      if (pk == null || pk.isEmpty() || pk.codePointCount(0, pk.length()) > 256) {
        throw new InvalidArgumentException("A partition key must have 1 to 256 characters.");
      }
      if (e.data() == null || e.data().length > maxData) {
        throw new InvalidArgumentException("A record's data must have at most " + maxData
            + " bytes.");
      }
      BigInteger h = e.explicitHashKey();
      if (h != null && (h.signum() < 0 || h.compareTo(HashKeys.MAX) > 0)) {
        throw new InvalidArgumentException("Invalid ExplicitHashKey. ExplicitHashKey must be in the"
            + " range: [0, 2^128-1]. Specified value was " + h);
      }
      total += e.data().length + pk.getBytes(StandardCharsets.UTF_8).length;
      put.add(new DataPlane.PutEntry(pk, h, e.data()));
    }
    if (total > MAX_APPEND_BYTES) {
      throw new InvalidArgumentException("Records size exceeds 5 MB limit");
    }
    try {
      return data.put(key(stream), put).thenApply(outcomes -> {
        List<PutResult> out = new ArrayList<>(outcomes.size());
        for (DataPlane.PutOutcome o : outcomes) {
          out.add(new PutResult(o.shardId(), o.sequenceNumber(), o.errorCode(), o.errorMessage()));
        }
        return out;
      });
    } catch (AwsException e) {
      throw translate(e, stream);
    }
  }
}
