package io.rivulet.flink.source;

import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.ReadResult;
import io.rivulet.streams.api.ShardInfo;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamNotFoundException;
import io.rivulet.streams.api.StreamsApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the shards of a stream (at start, every discovery interval, and at once when a reader
 * reports finished shards) and assigns each to a reader only after all its parents are read to
 * their ends (or expired), so records of a partition key come out in order across splits and
 * merges. Shards found at the first discovery start at the source's {@link StartingPosition}
 * (with {@code LATEST}, closed ones are skipped and open ones pinned to their current end, so a
 * restore does not move them); shards found later start at their first record. A shard goes to
 * reader {@code hash(shardId) mod parallelism}. Not thread-safe: Flink calls it from the
 * coordinator thread only; discovery runs on Flink's worker thread and hands its result back.
 */
public final class RivuletSplitEnumerator
    implements SplitEnumerator<RivuletShardSplit, RivuletEnumeratorState> {
  private static final Logger log = LoggerFactory.getLogger(RivuletSplitEnumerator.class);

  private final SplitEnumeratorContext<RivuletShardSplit> context;
  private final RivuletConnection connection;
  private final String streamName;
  private final StartingPosition start;
  private final Duration discoveryInterval;
  private final TreeMap<String, RivuletShardSplit> pending = new TreeMap<>();
  private final Set<String> assigned;
  private final Set<String> finished;
  private volatile StreamId stream;
  private volatile boolean initialized;
  private Set<String> listed = Set.of();
  private StreamsApi api;

  /** What one discovery found: the stream, its shards, and pinned LATEST positions. */
  private record Discovery(StreamId stream, List<ShardInfo> shards, Map<String, Position> pinned) {}

  public RivuletSplitEnumerator(SplitEnumeratorContext<RivuletShardSplit> context,
      RivuletConnection connection, String streamName, StartingPosition start,
      Duration discoveryInterval, RivuletEnumeratorState state) {
    this.context = context;
    this.connection = connection;
    this.streamName = streamName;
    this.start = start;
    this.discoveryInterval = discoveryInterval;
    this.stream = state.stream();
    this.initialized = state.initialized();
    state.pending().forEach(s -> pending.put(s.shardId(), s));
    this.assigned = new HashSet<>(state.assigned());
    this.finished = new HashSet<>(state.finished());
  }

  @Override
  public void start() {
    api = connection.open();
    long period = Math.max(1, discoveryInterval.toMillis());
    context.callAsync(this::discover, this::onDiscovered, 0, period);
  }

  /** On the worker thread: the stream and its shards (nothing here touches assignment state). */
  private Discovery discover() {
    StreamId id = connection.describe(api, streamName).id();
    List<ShardInfo> shards = api.shards(id);
    Map<String, Position> pinned = new HashMap<>();
    if (!initialized && start.mode() == StartingPosition.Mode.LATEST) {
      for (ShardInfo s : shards) {
        if (s.isOpen()) {
          pinned.put(s.shardId(), pinLatest(id, s.shardId()));
        }
      }
    }
    return new Discovery(id, shards, pinned);
  }

  /** The current end of an open shard as a position that stays put (LATEST would move). */
  private Position pinLatest(StreamId id, String shardId) {
    ReadResult r = api.read(id, shardId, Position.latest(), 1, StreamsApi.MAX_READ_BYTES);
    if (!r.records().isEmpty()) {
      return Position.atSequenceNumber(r.records().get(0).sequenceNumber());
    }
    return r.next();
  }

  private void onDiscovered(Discovery d, Throwable error) {
    if (error != null) {
      if (error instanceof StreamNotFoundException) {
        throw new FlinkRuntimeException("Rivulet stream " + streamName + " not found", error);
      }
      log.warn("discovering the shards of {} failed; trying again", streamName, error);
      return;
    }
    if (stream == null) {
      stream = d.stream();
    } else if (stream.createdMillis() != d.stream().createdMillis()) {
      throw new FlinkRuntimeException("Rivulet stream " + streamName + " was deleted and"
          + " created again since this job started reading it");
    }
    Set<String> ids = new HashSet<>();
    for (ShardInfo s : d.shards()) {
      ids.add(s.shardId());
      if (!pending.containsKey(s.shardId()) && !assigned.contains(s.shardId())
          && !finished.contains(s.shardId())) {
        found(s, d.pinned());
      }
    }
    listed = ids;
    initialized = true;
    assignReady();
  }

  private void found(ShardInfo s, Map<String, Position> pinned) {
    Position p;
    if (initialized) {
      p = Position.trimHorizon();
    } else if (start.mode() == StartingPosition.Mode.LATEST) {
      p = pinned.get(s.shardId());
      if (p == null) { // closed before the job started: nothing after LATEST in it
        finished.add(s.shardId());
        return;
      }
    } else {
      p = start.toPosition();
    }
    pending.put(s.shardId(), new RivuletShardSplit(stream, s.shardId(), s.parents(), p, false));
  }

  private boolean parentsDone(RivuletShardSplit split) {
    for (String p : split.parents()) {
      boolean known = pending.containsKey(p) || assigned.contains(p) || listed.contains(p);
      if (known && !finished.contains(p)) {
        return false;
      }
    }
    return true;
  }

  private void assignReady() {
    int parallelism = context.currentParallelism();
    Map<Integer, List<RivuletShardSplit>> byReader = new HashMap<>();
    for (RivuletShardSplit split : new ArrayList<>(pending.values())) {
      if (!parentsDone(split)) {
        continue;
      }
      int reader = Math.floorMod(split.shardId().hashCode(), parallelism);
      if (!context.registeredReaders().containsKey(reader)) {
        continue;
      }
      pending.remove(split.shardId());
      assigned.add(split.shardId());
      context.assignSplit(split, reader);
      byReader.computeIfAbsent(reader, r -> new ArrayList<>()).add(split);
    }
    if (!byReader.isEmpty()) {
      log.info("assigned shards of {}: {}", streamName, byReader);
    }
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    // splits are pushed as they become ready
  }

  @Override
  public void addSplitsBack(List<RivuletShardSplit> splits, int subtaskId) {
    for (RivuletShardSplit s : splits) {
      assigned.remove(s.shardId());
      if (s.finished()) {
        finished.add(s.shardId());
      } else {
        pending.put(s.shardId(), s);
      }
    }
  }

  @Override
  public void addReader(int subtaskId) {
    assignReady();
  }

  @Override
  public void handleSourceEvent(int subtaskId, SourceEvent event) {
    if (event instanceof ShardsFinishedEvent e) {
      finished.addAll(e.shardIds());
      assigned.addAll(e.shardIds());
      pending.keySet().removeAll(e.shardIds());
      context.callAsync(this::discover, this::onDiscovered);
    }
  }

  @Override
  public RivuletEnumeratorState snapshotState(long checkpointId) {
    return new RivuletEnumeratorState(stream, initialized, new ArrayList<>(pending.values()),
        assigned, finished);
  }

  @Override
  public void close() {
    if (api != null) {
      RivuletConnection.release(api);
      api = null;
    }
  }
}
