package io.rivulet.streams.engine;

import java.math.BigInteger;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales ON_DEMAND streams as Kinesis does, by resharding: a shard whose write rate over the last
 * minute stays above {@link CapacityConfig#hotShardLoad()} of its capacity (bytes or records) is
 * split at the middle of its hash range; two adjacent shards that both stayed below {@link
 * CapacityConfig#idleShardLoad()} for {@link CapacityConfig#idleTime()} are merged, never below the
 * {@value #MIN_OPEN_SHARDS} shards an on-demand stream starts with. At most one change per stream
 * per check. Thread-safe (checks run one at a time).
 */
final class OnDemandScaler {
  private static final Logger log = LoggerFactory.getLogger(OnDemandScaler.class);
  static final int MIN_OPEN_SHARDS = 4;
  private final StreamsEngine engine;

  OnDemandScaler(StreamsEngine engine) {
    this.engine = engine;
  }

  synchronized void check() {
    CapacityConfig c = engine.config().capacity();
    long now = engine.clock().millis();
    for (StreamMeta m : engine.all()) {
      if (!m.mode().equals("ON_DEMAND") || !m.status().equals(StreamMeta.ACTIVE)) {
        continue;
      }
      try {
        checkStream(m, c, now);
      } catch (RuntimeException e) {
        log.warn("on-demand scaling of {} skipped: {}", m.arn(), e.getMessage());
      }
    }
  }

  private void checkStream(StreamMeta m, CapacityConfig c, long now) {
    List<ShardMeta> open = m.openShards();
    ShardMeta hottest = null;
    double hottestLoad = c.hotShardLoad();
    double[] load = new double[open.size()];
    for (int i = 0; i < open.size(); i++) {
      ShardStats s = engine.stats(m, open.get(i));
      load[i] = Math.max(s.writes.bytesPerSecond(now) / c.writeBytesPerSecond(),
          s.writes.recordsPerSecond(now) / c.writeRecordsPerSecond());
      if (load[i] >= c.idleShardLoad()) {
        s.quietSinceMillis = now;
      }
      if (load[i] > hottestLoad) {
        hottest = open.get(i);
        hottestLoad = load[i];
      }
    }
    if (hottest != null) {
      ShardMeta hot = hottest;
      BigInteger middle = hot.startHash().add(hot.endHash()).add(BigInteger.ONE).shiftRight(1);
      if (middle.compareTo(hot.startHash()) > 0) {
        log.info("on-demand: splitting hot {} of {} (load {})", hot.shardId(), m.arn(),
            String.format("%.2f", hottestLoad));
        engine.reshard(m.key(), x -> {}, r -> r.split(hot.index(), middle));
        return;
      }
    }
    if (open.size() <= MIN_OPEN_SHARDS) {
      return;
    }
    for (int i = 0; i + 1 < open.size(); i++) {
      ShardStats a = engine.stats(m, open.get(i));
      ShardStats b = engine.stats(m, open.get(i + 1));
      long idle = c.idleTime().toMillis();
      if (now - a.quietSinceMillis >= idle && now - b.quietSinceMillis >= idle) {
        ShardMeta lower = open.get(i);
        ShardMeta upper = open.get(i + 1);
        log.info("on-demand: merging idle {} and {} of {}", lower.shardId(), upper.shardId(), m.arn());
        engine.reshard(m.key(), x -> {}, r -> r.merge(lower.index(), upper.index()));
        return;
      }
    }
  }
}
