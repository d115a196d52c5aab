package io.rivulet.flink.source;

import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.ReadResult;
import io.rivulet.streams.api.ShardNotFoundException;
import io.rivulet.streams.api.StreamNotFoundException;
import io.rivulet.streams.api.StreamRecord;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.api.StreamsApiException;
import io.rivulet.streams.api.Watch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the shards assigned to one reader on Flink's fetcher thread: each fetch reads every
 * unpaused shard once from where it stopped; when none had anything it waits for a wake-up from
 * the shards' {@link Watch}es (in-process: an append became durable; remote: the poll interval)
 * or from Flink ({@link #wakeUp}), at most {@code idleWaitMillis}. A shard read to its end is
 * reported finished after its last records. Transient read failures are logged and retried after
 * a pause; a vanished stream or shard fails the job. After each fetch {@code maxBehind} holds how
 * far (ms) the most lagging shard is behind its newest record (the reader's gauge
 * {@code millisBehindLatest}). Thread-safe where Flink needs it
 * ({@link #wakeUp} from any thread); everything else runs on the fetcher thread.
 */
final class ShardSplitReader implements SplitReader<StreamRecord, RivuletShardSplit> {
  private static final Logger log = LoggerFactory.getLogger(ShardSplitReader.class);
  private static final long RETRY_PAUSE_MILLIS = 500;

  private final StreamsApi api;
  private final int maxRecords;
  private final long idleWaitMillis;
  private final Map<String, Cursor> shards = new LinkedHashMap<>();
  private final Set<String> paused = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> behind = new HashMap<>();
  private final AtomicLong maxBehind;
  private final Object signal = new Object();
  private boolean signalled; // guarded by signal

  /** A shard being read: its split, the next position and its wake-up registration. */
  private static final class Cursor {
    final RivuletShardSplit split;
    final Watch watch;
    Position position;

    Cursor(RivuletShardSplit split, Watch watch) {
      this.split = split;
      this.watch = watch;
      this.position = split.position();
    }
  }

  ShardSplitReader(RivuletConnection connection, int maxRecords, long idleWaitMillis,
      AtomicLong maxBehind) {
    this.maxBehind = maxBehind;
    this.api = connection.open();
    this.maxRecords = maxRecords;
    this.idleWaitMillis = idleWaitMillis;
  }

  @Override
  public RecordsWithSplitIds<StreamRecord> fetch() throws IOException {
    synchronized (signal) {
      signalled = false;
    }
    RecordsBySplits.Builder<StreamRecord> batch = new RecordsBySplits.Builder<>();
    boolean progressed = false;
    boolean failed = false;
    for (Cursor c : new ArrayList<>(shards.values())) {
      if (paused.contains(c.split.shardId())) {
        continue;
      }
      try {
        progressed |= readOnce(c, batch);
      } catch (StreamNotFoundException | ShardNotFoundException e) {
        throw new IOException("reading shard " + c.split.shardId() + " of "
            + c.split.stream().name() + " failed", e);
      } catch (StreamsApiException e) {
        log.warn("reading shard {} of {} failed; retrying", c.split.shardId(),
            c.split.stream().name(), e);
        failed = true;
      }
    }
    maxBehind.set(behind.values().stream().mapToLong(Long::longValue).max().orElse(0));
    if (!progressed) {
      await(failed ? RETRY_PAUSE_MILLIS : idleWaitMillis);
    }
    return batch.build();
  }

  /** Reads a shard once into the batch; true when it gave records or ended. */
  private boolean readOnce(Cursor c, RecordsBySplits.Builder<StreamRecord> batch) {
    String shardId = c.split.shardId();
    ReadResult r = api.read(c.split.stream(), shardId, c.position, maxRecords,
        StreamsApi.MAX_READ_BYTES);
    c.position = r.next();
    behind.put(shardId, r.millisBehindLatest());
    if (!r.records().isEmpty()) {
      batch.addAll(shardId, r.records());
    }
    if (r.shardEnded()) {
      batch.addFinishedSplit(shardId);
      c.watch.close();
      shards.remove(shardId);
      behind.remove(shardId);
      return true;
    }
    return !r.records().isEmpty();
  }

  private void await(long millis) throws IOException {
    synchronized (signal) {
      if (!signalled) {
        try {
          signal.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for records", e);
        }
      }
      signalled = false;
    }
  }

  private void wake() {
    synchronized (signal) {
      signalled = true;
      signal.notifyAll();
    }
  }

  @Override
  public void handleSplitsChanges(SplitsChange<RivuletShardSplit> changes) {
    if (!(changes instanceof SplitsAddition)) {
      throw new UnsupportedOperationException("unsupported split change " + changes);
    }
    for (RivuletShardSplit split : changes.splits()) {
      Watch watch = api.watch(split.stream(), split.shardId(), this::wake);
      shards.put(split.shardId(), new Cursor(split, watch));
    }
  }

  @Override
  public void pauseOrResumeSplits(Collection<RivuletShardSplit> toPause,
      Collection<RivuletShardSplit> toResume) {
    toPause.forEach(s -> paused.add(s.shardId()));
    toResume.forEach(s -> paused.remove(s.shardId()));
    wake();
  }

  @Override
  public void wakeUp() {
    wake();
  }

  @Override
  public void close() {
    shards.values().forEach(c -> c.watch.close());
    shards.clear();
    RivuletConnection.release(api);
  }
}
