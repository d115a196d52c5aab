package io.rivulet.streams.engine;

import java.io.Closeable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live enhanced fan-out subscriptions: which consumer reads which shard, so that a second
 * subscription can be refused or take over, and a wake-up of every subscription of a shard when
 * records are appended to it (pushed, not polled), plus a one-second tick for heartbeats, expiry
 * and shard ends; a stream's change (reshard, delete) wakes its shards' subscriptions too. Other
 * services' readers ({@code streams.api} watches) are woken the same way. Subscriptions do their
 * work on a small pool, never on the appender's thread. Thread-safe.
 */
public final class FanOut implements Closeable {
  /** A subscription as the registry sees it. */
  public interface Subscriber {
    /** The log it reads (for wake-ups). */
    String logName();

    /** Deliver what there is, as demand allows; must be cheap when there is nothing. */
    void drain();
  }

  private final Map<String, Subscriber> byConsumerShard = new ConcurrentHashMap<>();
  private final Map<String, Set<Subscriber>> byLog = new ConcurrentHashMap<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService ticker;

  FanOut() {
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(2, r -> daemon(r, "rivulet-fanout-" + n.incrementAndGet()));
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rivulet-fanout-tick"));
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The subscription of this consumer to this shard, if one is live. */
  public Subscriber current(String consumerArn, String shardId) {
    return byConsumerShard.get(consumerArn + "|" + shardId);
  }

  /** Makes {@code s} the live subscription of the consumer to the shard (replacing any other). */
  public void register(String consumerArn, String shardId, Subscriber s) {
    byConsumerShard.put(consumerArn + "|" + shardId, s);
    watch(s);
  }

  /** Forgets a subscription that ended. */
  public void unregister(String consumerArn, String shardId, Subscriber s) {
    byConsumerShard.remove(consumerArn + "|" + shardId, s);
    unwatch(s);
  }

  /**
   * Wakes {@code s} as a subscription is woken (appends to its log, stream changes, the tick),
   * without registering it as any consumer's subscription (readers of {@code streams.api}).
   */
  public void watch(Subscriber s) {
    byLog.computeIfAbsent(s.logName(), k -> ConcurrentHashMap.newKeySet()).add(s);
  }

  /** Stops waking {@code s}. */
  public void unwatch(Subscriber s) {
    Set<Subscriber> set = byLog.get(s.logName());
    if (set != null) {
      set.remove(s);
    }
  }

  /** Runs a subscription's drain on the pool. */
  public void wake(Subscriber s) {
    workers.execute(s::drain);
  }

  /** Records were appended (and are durable) in this log: wake its subscriptions. */
  void appended(String logName) {
    Set<Subscriber> set = byLog.get(logName);
    if (set != null && !set.isEmpty()) {
      for (Subscriber s : set) {
        wake(s);
      }
    }
  }

  /**
   * The stream whose logs are named under {@code logPrefix} changed (resharded, deleted): wake
   * the subscriptions of its shards, so a reader at the end of a parent sees it closed at once.
   */
  void changed(String logPrefix) {
    String under = logPrefix + "/";
    for (Map.Entry<String, Set<Subscriber>> e : byLog.entrySet()) {
      if (e.getKey().startsWith(under)) {
        for (Subscriber s : e.getValue()) {
          wake(s);
        }
      }
    }
  }

  private void tick() {
    for (Set<Subscriber> set : byLog.values()) {
      for (Subscriber s : set) {
        wake(s);
      }
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    workers.shutdownNow();
  }
}
