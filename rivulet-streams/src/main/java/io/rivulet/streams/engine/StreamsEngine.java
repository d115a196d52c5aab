package io.rivulet.streams.engine;

import io.rivulet.log.LogManager;
import io.rivulet.log.ShardLog;
import io.rivulet.streams.KinesisError;
import java.io.Closeable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Data Streams control plane: streams, shards, tags and settings, persisted through a {@link
 * MetadataStore} before any change is published, and the shard logs behind them. Record reads and
 * writes go through {@link DataPlane}.
 *
 * <p>Thread-safe: control-plane changes are serialised on one lock (methods named {@code …Locked}
 * need it held); the published streams are read lock-free from a concurrent map.
 */
public final class StreamsEngine implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(StreamsEngine.class);
  public static final int MIN_RETENTION_HOURS = 24;
  public static final int MAX_RETENTION_HOURS = 8760;
  public static final int MAX_TAGS_PER_STREAM = 50;

  private final StreamsConfig config;
  private final Clock clock;
  private final LogManager logs;
  private final MetadataStore store;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private final ConcurrentHashMap<StreamKey, ActiveStream> streams = new ConcurrentHashMap<>();
  /** Traffic and capacity of each shard, by log name (one per stream incarnation and shard). */
  private final ConcurrentHashMap<String, ShardStats> stats = new ConcurrentHashMap<>();
  private final OnDemandScaler scaler = new OnDemandScaler(this);
  /**
   * Per-stream (striped) locks between record appends (read) and reshard commits (write): an
   * append routes and issues its log batches under the read lock, so a commit sees every batch
   * routed to a parent before it closes the parent at its exact last offset.
   */
  private final ReadWriteLock[] stripes = new ReadWriteLock[64];
  /** Told of every published change and removal of a stream (after it is persisted). */
  private final List<Consumer<StreamMeta>> changeListeners = new CopyOnWriteArrayList<>();

  public StreamsEngine(StreamsConfig config, Clock clock, LogManager logs, MetadataStore store) {
    this.config = config;
    this.clock = clock;
    this.logs = logs;
    this.store = store;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantReadWriteLock();
    }
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rivulet-streams-control");
              t.setDaemon(true);
              return t;
            });
    recover();
    long every = config.retentionCheckInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::applyRetentionSafely, every, every, TimeUnit.MILLISECONDS);
    long scaleEvery = config.capacity().scaleCheckInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::scaleOnDemand, scaleEvery, scaleEvery, TimeUnit.MILLISECONDS);
  }

  public Clock clock() {
    return clock;
  }

  public StreamsConfig config() {
    return config;
  }

  private void recover() {
    synchronized (lock) {
      boolean changed = false;
      for (StreamMeta loaded : store.load()) {
        StreamMeta meta = loaded;
        if (meta.status().equals(StreamMeta.UPDATING)) {
          // a reshard that had not committed when the server stopped did not happen
          meta = meta.withStatus(StreamMeta.ACTIVE, clock.millis());
          changed = true;
        }
        Map<Integer, ShardLog> shardLogs = new HashMap<>();
        for (ShardMeta s : meta.shards()) {
          shardLogs.put(s.index(), logs.open(meta.logName(s)));
        }
        streams.put(meta.key(), new ActiveStream(meta, shardLogs));
        if (meta.status().equals(StreamMeta.CREATING)) {
          scheduleActivation(meta.key(), meta.createdMillis());
        } else if (meta.status().equals(StreamMeta.DELETING)) {
          scheduleRemoval(meta.key(), meta.createdMillis());
        }
      }
      if (changed) {
        store.save(streams.values().stream().map(a -> a.meta).toList());
      }
      log.info("recovered {} stream(s)", streams.size());
    }
  }

  /** Every stream, in any status. */
  List<StreamMeta> all() {
    return streams.values().stream().map(a -> a.meta).toList();
  }

  /** Splits hot and merges idle shards of ON_DEMAND streams (see {@link OnDemandScaler}). */
  public void scaleOnDemand() {
    scaler.check();
  }

  /** One shard as metrics see it: its stream, itself, its traffic and its size on disk. */
  public record ShardView(StreamMeta stream, ShardMeta shard, ShardStats stats, long storageBytes) {}

  /** Every shard of every stream that is not being created or deleted, for metrics. */
  public List<ShardView> shardViews() {
    List<ShardView> out = new ArrayList<>();
    for (ActiveStream a : streams.values()) {
      if (!a.meta.writable()) {
        continue;
      }
      for (ShardMeta s : a.meta.shards()) {
        ShardLog l = a.log(s.index());
        long size;
        try {
          size = l.sizeInBytes();
        } catch (RuntimeException closed) {
          continue; // deleted or closed meanwhile
        }
        out.add(new ShardView(a.meta, s, stats(a.meta, s), size));
      }
    }
    return out;
  }

  /** The traffic and capacity of a shard. */
  public ShardStats stats(StreamMeta meta, ShardMeta shard) {
    return stats.computeIfAbsent(meta.logName(shard), n -> new ShardStats(clock, config.capacity()));
  }

  /**
   * Calls {@code listener} with a stream's new metadata after each change is persisted and
   * published, and with its last metadata after it is removed; on the control-plane thread, with
   * the control-plane lock held, so it must return at once.
   */
  public void onChange(Consumer<StreamMeta> listener) {
    changeListeners.add(listener);
  }

  private void changedLocked(StreamMeta meta) {
    for (Consumer<StreamMeta> l : changeListeners) {
      try {
        l.accept(meta);
      } catch (RuntimeException e) {
        log.warn("stream change listener failed", e);
      }
    }
  }

  /** The lock that orders appends to a stream against its reshard commits. */
  ReadWriteLock appendLock(StreamKey key) {
    return stripes[(key.hashCode() & 0x7fffffff) % stripes.length];
  }

  // ---------------------------------------------------------------- lookups

  /** The stream, in any status, or ResourceNotFoundException. */
  public StreamMeta describe(StreamKey key) {
    return active(key).meta;
  }

  ActiveStream active(StreamKey key) {
    ActiveStream a = streams.get(key);
    if (a == null) {
      throw notFound(key);
    }
    return a;
  }

  /** The published stream or null. */
  ActiveStream find(StreamKey key) {
    return streams.get(key);
  }

  static RuntimeException notFound(StreamKey key) {
    return KinesisError.RESOURCE_NOT_FOUND.with(
        "Stream " + key.name() + " under account " + key.account() + " not found.");
  }

  /** Streams of one account and region, sorted by name. */
  public List<StreamMeta> list(String account, String region) {
    List<StreamMeta> out = new ArrayList<>();
    for (ActiveStream a : streams.values()) {
      if (a.meta.account().equals(account) && a.meta.region().equals(region)) {
        out.add(a.meta);
      }
    }
    out.sort(Comparator.comparing(StreamMeta::name));
    return out;
  }

  /** Open shards of one account and region. */
  public long openShardCount(String account, String region) {
    return list(account, region).stream().mapToLong(StreamMeta::openShardCount).sum();
  }

  public long onDemandStreamCount(String account, String region) {
    return list(account, region).stream().filter(m -> m.mode().equals("ON_DEMAND")).count();
  }

  /** LimitExceededException when the account and region have no room for one more on-demand stream. */
  public void checkOnDemandLimit(StreamKey key) {
    if (onDemandStreamCount(key.account(), key.region()) >= config.onDemandStreamLimit()) {
      throw KinesisError.LIMIT_EXCEEDED.with(
          "This request would exceed the on-demand stream count limit for the account "
              + key.account() + " in " + key.region() + ". Limit: "
              + config.onDemandStreamLimit() + ".");
    }
  }

  // ---------------------------------------------------------------- create and delete

  /** Creates a stream with {@code shardCount} evenly split shards; returns its metadata. */
  public StreamMeta create(StreamKey key, int shardCount, String mode, Map<String, String> tags) {
    return create(key, shardCount, mode, tags, m -> m);
  }

  /**
   * Creates a stream as {@link #create(StreamKey, int, String, Map)} does, with {@code settings}
   * applied to its metadata before it is saved (record size, warm throughput).
   */
  public StreamMeta create(StreamKey key, int shardCount, String mode, Map<String, String> tags,
      java.util.function.UnaryOperator<StreamMeta> settings) {
    synchronized (lock) {
      if (streams.containsKey(key)) {
        throw KinesisError.RESOURCE_IN_USE.with(
            "Stream " + key.name() + " under account " + key.account() + " already exists.");
      }
      checkShardLimit(key, shardCount);
      if (mode.equals("ON_DEMAND")) {
        checkOnDemandLimit(key);
      }
      long now = clock.millis();
      List<ShardMeta> shards = new ArrayList<>(shardCount);
      for (int i = 0; i < shardCount; i++) {
        shards.add(new ShardMeta(i, HashKeys.rangeStart(i, shardCount).toString(),
            HashKeys.rangeEnd(i, shardCount).toString(), null, null, now, null, null));
      }
      boolean immediate = config.createDelay().isZero();
      StreamMeta meta = settings.apply(new StreamMeta(key.account(), key.region(), key.name(), now,
          immediate ? StreamMeta.ACTIVE : StreamMeta.CREATING, mode, MIN_RETENTION_HOURS,
          new LinkedHashMap<>(tags), shards, "NONE", null, List.of(), 1024, now, shardCount));
      Map<Integer, ShardLog> shardLogs = new HashMap<>();
      for (ShardMeta s : shards) {
        shardLogs.put(s.index(), logs.open(meta.logName(s)));
      }
      publishLocked(new ActiveStream(meta, shardLogs));
      log.info("created stream {} with {} shard(s) ({})", key.arn(), shardCount, mode);
      if (!immediate) {
        scheduleActivation(key, now);
      }
      return meta;
    }
  }

  private void scheduleActivation(StreamKey key, long createdMillis) {
    scheduler.schedule(
        () -> transition(key, createdMillis, StreamMeta.CREATING, StreamMeta.ACTIVE),
        config.createDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void transition(StreamKey key, long createdMillis, String from, String to) {
    synchronized (lock) {
      ActiveStream a = streams.get(key);
      if (a != null && a.meta.createdMillis() == createdMillis && a.meta.status().equals(from)) {
        publishLocked(new ActiveStream(a.meta.withStatus(to, clock.millis()), a.logs()));
      }
    }
  }

  /** Marks the stream DELETING; it and its data are gone after the delete delay. */
  public void delete(StreamKey key) {
    synchronized (lock) {
      ActiveStream a = active(key);
      if (a.meta.status().equals(StreamMeta.DELETING)) {
        return;
      }
      publishLocked(new ActiveStream(a.meta.withStatus(StreamMeta.DELETING, clock.millis()), a.logs()));
      log.info("deleting stream {}", key.arn());
      if (config.deleteDelay().isZero()) {
        removeLocked(key, a.meta.createdMillis());
      } else {
        scheduleRemoval(key, a.meta.createdMillis());
      }
    }
  }

  private void scheduleRemoval(StreamKey key, long createdMillis) {
    scheduler.schedule(
        () -> {
          synchronized (lock) {
            removeLocked(key, createdMillis);
          }
        },
        config.deleteDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void removeLocked(StreamKey key, long createdMillis) {
    ActiveStream a = streams.get(key);
    if (a == null || a.meta.createdMillis() != createdMillis) {
      return;
    }
    List<StreamMeta> next = new ArrayList<>();
    for (ActiveStream other : streams.values()) {
      if (!other.meta.key().equals(key)) {
        next.add(other.meta);
      }
    }
    store.save(next);
    streams.remove(key);
    for (ShardLog l : a.logs().values()) {
      l.delete();
    }
    a.meta.shards().forEach(s -> stats.remove(a.meta.logName(s)));
    log.info("deleted stream {}", key.arn());
    changedLocked(a.meta);
  }

  // ---------------------------------------------------------------- consumers

  /**
   * Registers an enhanced fan-out consumer: CREATING for the create delay, then ACTIVE; at most
   * {@value ConsumerMeta#MAX_PER_STREAM} per stream.
   */
  public ConsumerMeta registerConsumer(StreamKey key, String name) {
    synchronized (lock) {
      ActiveStream a = active(key);
      if (!a.meta.writable()) {
        throw KinesisError.RESOURCE_IN_USE.with("Stream " + key.name() + " under account "
            + key.account() + " not ACTIVE, instead in state " + a.meta.status());
      }
      if (a.meta.consumer(name) != null) {
        throw KinesisError.RESOURCE_IN_USE.with("Consumer " + name + " under stream "
            + key.name() + " already exists for account " + key.account() + ".");
      }
      if (a.meta.consumers().size() >= ConsumerMeta.MAX_PER_STREAM) {
        throw KinesisError.LIMIT_EXCEEDED.with("Consumer limit of " + ConsumerMeta.MAX_PER_STREAM
            + " exceeded for stream " + key.name() + " under account " + key.account() + ".");
      }
      boolean immediate = config.createDelay().isZero();
      ConsumerMeta c = new ConsumerMeta(name, clock.millis(),
          immediate ? StreamMeta.ACTIVE : StreamMeta.CREATING, Map.of(), null);
      List<ConsumerMeta> next = new ArrayList<>(a.meta.consumers());
      next.add(c);
      publishLocked(new ActiveStream(a.meta.withConsumers(next), a.logs()));
      log.info("registered consumer {}", c.arn(a.meta));
      if (!immediate) {
        scheduler.schedule(() -> changeConsumer(key, c, StreamMeta.ACTIVE),
            config.createDelay().toMillis(), TimeUnit.MILLISECONDS);
      }
      return c;
    }
  }

  /** Deregisters a consumer: DELETING for the delete delay, then gone. */
  public void deregisterConsumer(StreamKey key, String name) {
    synchronized (lock) {
      ActiveStream a = active(key);
      ConsumerMeta c = a.meta.consumer(name);
      if (c == null) {
        throw consumerNotFound(key, name);
      }
      if (config.deleteDelay().isZero()) {
        changeConsumerLocked(key, c, null);
        return;
      }
      changeConsumerLocked(key, c, StreamMeta.DELETING);
      scheduler.schedule(() -> changeConsumer(key, c, null), config.deleteDelay().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Changes a registered consumer (its tags), persisted before it is published. */
  public ConsumerMeta updateConsumer(StreamKey key, String name,
      java.util.function.UnaryOperator<ConsumerMeta> change) {
    synchronized (lock) {
      ActiveStream a = active(key);
      ConsumerMeta c = a.meta.consumer(name);
      if (c == null) {
        throw consumerNotFound(key, name);
      }
      ConsumerMeta changed = change.apply(c);
      List<ConsumerMeta> next = new ArrayList<>(a.meta.consumers());
      next.set(next.indexOf(c), changed);
      publishLocked(new ActiveStream(a.meta.withConsumers(next), a.logs()));
      return changed;
    }
  }

  public static RuntimeException consumerNotFound(StreamKey key, String name) {
    return KinesisError.RESOURCE_NOT_FOUND.with("Consumer " + name + " under stream "
        + key.name() + " not found for account " + key.account() + ".");
  }

  private void changeConsumer(StreamKey key, ConsumerMeta c, String status) {
    synchronized (lock) {
      changeConsumerLocked(key, c, status);
    }
  }

  /** Sets a consumer's status, or removes it when {@code status} is null. */
  private void changeConsumerLocked(StreamKey key, ConsumerMeta c, String status) {
    ActiveStream a = streams.get(key);
    if (a == null) {
      return;
    }
    List<ConsumerMeta> next = new ArrayList<>();
    boolean found = false;
    for (ConsumerMeta x : a.meta.consumers()) {
      if (x.name().equals(c.name()) && x.createdMillis() == c.createdMillis()) {
        found = true;
        if (status != null) {
          next.add(x.withStatus(status));
        }
      } else {
        next.add(x);
      }
    }
    if (found) {
      publishLocked(new ActiveStream(a.meta.withConsumers(next), a.logs()));
    }
  }

  // ---------------------------------------------------------------- resharding

  /**
   * Starts a reshard: {@code check} validates against the current ACTIVE stream (throwing AWS
   * errors), the stream goes UPDATING, and after the update delay {@code plan} is applied under the
   * stream's write lock and the stream is ACTIVE again (at once when the delay is zero). Returns
   * the stream as it was when the reshard was accepted.
   */
  public StreamMeta reshard(StreamKey key, Consumer<StreamMeta> check, Consumer<Reshard> plan) {
    synchronized (lock) {
      ActiveStream a = active(key);
      requireActive(a.meta);
      check.accept(a.meta);
      // plan on a scratch copy first, so that an invalid plan fails the request, not the commit
      Reshard trial = new Reshard(a.meta, clock.millis(), i -> -1);
      plan.accept(trial);
      checkShardLimit(key, (int) (trial.shards().stream().filter(ShardMeta::isOpen).count()
          - a.meta.openShardCount()));
      if (config.updateDelay().isZero()) {
        commitLocked(key, a.meta.createdMillis(), plan);
        return a.meta;
      }
      publishLocked(new ActiveStream(a.meta.withStatus(StreamMeta.UPDATING, clock.millis()), a.logs()));
      scheduler.schedule(() -> {
        synchronized (lock) {
          commitLocked(key, a.meta.createdMillis(), plan);
        }
      }, config.updateDelay().toMillis(), TimeUnit.MILLISECONDS);
      return a.meta;
    }
  }

  private void commitLocked(StreamKey key, long createdMillis, Consumer<Reshard> plan) {
    ActiveStream a = streams.get(key);
    if (a == null || a.meta.createdMillis() != createdMillis) {
      return; // deleted meanwhile
    }
    ReadWriteLock appends = appendLock(key);
    appends.writeLock().lock();
    try {
      Reshard r = new Reshard(a.meta, clock.millis(), i -> a.log(i).endOffset() - 1);
      plan.accept(r);
      StreamMeta next = a.meta.withShards(r.shards(), r.nextIndex())
          .withStatus(StreamMeta.ACTIVE, clock.millis());
      Map<Integer, ShardLog> shardLogs = new HashMap<>(a.logs());
      for (ShardMeta s : r.created()) {
        shardLogs.put(s.index(), logs.open(next.logName(s)));
      }
      publishLocked(new ActiveStream(next, shardLogs));
      log.info("resharded {}: {} open shard(s)", key.arn(), next.openShardCount());
    } finally {
      appends.writeLock().unlock();
    }
  }

  private void checkShardLimit(StreamKey key, int added) {
    long open = openShardCount(key.account(), key.region());
    if (added > 0 && open + added > config.shardLimit()) {
      throw KinesisError.LIMIT_EXCEEDED.with(
          "This request would exceed the shard limit for the account " + key.account() + " in "
              + key.region() + ". Current shard count for the account: " + open + ". Limit: "
              + config.shardLimit() + ". Number of additional shards that would have resulted from"
              + " this request: " + added + ". Refer to the AWS Service Limits page"
              + " (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for"
              + " current limits and how to request higher limits.");
    }
  }

  private static void requireActive(StreamMeta m) {
    if (!m.status().equals(StreamMeta.ACTIVE)) {
      throw KinesisError.RESOURCE_IN_USE.with("Stream " + m.name() + " under account "
          + m.account() + " not ACTIVE, instead in state " + m.status());
    }
  }

  // ---------------------------------------------------------------- settings and tags

  /** Applies a change to an ACTIVE stream's metadata, persisted before it is published. */
  public StreamMeta update(StreamKey key, java.util.function.UnaryOperator<StreamMeta> change) {
    synchronized (lock) {
      ActiveStream a = active(key);
      requireActive(a.meta);
      StreamMeta next = change.apply(a.meta);
      publishLocked(new ActiveStream(next, a.logs()));
      return next;
    }
  }

  /**
   * Applies a change to an ACTIVE stream at once (persisted before it is published) and holds the
   * stream UPDATING for the update delay, as AWS does for mode, encryption and warm-throughput
   * changes (at once ACTIVE when the delay is zero). A change that returns the stream unchanged is
   * a no-op. Returns the stream as it was before.
   */
  public StreamMeta updateWithDelay(StreamKey key,
      java.util.function.UnaryOperator<StreamMeta> change) {
    synchronized (lock) {
      ActiveStream a = active(key);
      requireActive(a.meta);
      StreamMeta next = change.apply(a.meta);
      if (next.equals(a.meta) || config.updateDelay().isZero()) {
        publishLocked(new ActiveStream(next, a.logs()));
        return a.meta;
      }
      publishLocked(new ActiveStream(next.withStatus(StreamMeta.UPDATING, clock.millis()), a.logs()));
      scheduler.schedule(
          () -> transition(key, a.meta.createdMillis(), StreamMeta.UPDATING, StreamMeta.ACTIVE),
          config.updateDelay().toMillis(), TimeUnit.MILLISECONDS);
      return a.meta;
    }
  }

  private void publishLocked(ActiveStream next) {
    List<StreamMeta> all = new ArrayList<>();
    for (ActiveStream a : streams.values()) {
      if (!a.meta.key().equals(next.meta.key())) {
        all.add(a.meta);
      }
    }
    all.add(next.meta);
    store.save(all);
    streams.put(next.meta.key(), next);
    changedLocked(next.meta);
  }

  // ---------------------------------------------------------------- retention

  private void applyRetentionSafely() {
    try {
      applyRetention();
    } catch (RuntimeException e) {
      log.warn("retention pass failed", e);
    }
  }

  /**
   * Hides and deletes records older than each stream's retention period, and removes closed
   * shards that closed before it (their logs are deleted; they leave ListShards).
   */
  public void applyRetention() {
    long now = clock.millis();
    for (ActiveStream a : streams.values()) {
      long cutoff = now - a.meta.retentionHours() * 3_600_000L;
      for (ShardLog l : a.logs().values()) {
        l.applyRetention(cutoff);
      }
      if (a.meta.shards().stream().anyMatch(s -> !s.isOpen() && s.closedMillis() < cutoff)) {
        expireClosedShards(a.meta.key(), a.meta.createdMillis());
      }
    }
  }

  private void expireClosedShards(StreamKey key, long createdMillis) {
    synchronized (lock) {
      ActiveStream a = streams.get(key);
      if (a == null || a.meta.createdMillis() != createdMillis) {
        return;
      }
      long cutoff = clock.millis() - a.meta.retentionHours() * 3_600_000L;
      List<ShardMeta> kept = new ArrayList<>();
      Map<Integer, ShardLog> keptLogs = new HashMap<>();
      List<ShardLog> dropped = new ArrayList<>();
      for (ShardMeta s : a.meta.shards()) {
        if (!s.isOpen() && s.closedMillis() < cutoff) {
          dropped.add(a.log(s.index()));
          stats.remove(a.meta.logName(s));
        } else {
          kept.add(s);
          keptLogs.put(s.index(), a.log(s.index()));
        }
      }
      publishLocked(new ActiveStream(a.meta.withShards(kept, a.meta.nextShardIndex()), keptLogs));
      dropped.forEach(ShardLog::delete);
      log.info("expired {} closed shard(s) of {}", dropped.size(), key.arn());
    }
  }

  /** Stops background work; the shard logs are closed by their {@link LogManager}'s owner. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
