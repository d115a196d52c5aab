package io.rivulet.streams.engine;

import java.time.Duration;

/**
 * Shard capacity as AWS documents it, whether it is enforced, and how on-demand streams scale.
 *
 * @param throttling enforce per-shard and control-plane rates ({@code --throttling aws}); off by
 *     default so local work is never slowed
 * @param writeBytesPerSecond per-shard write capacity (data plus partition key): 1 MiB/s
 * @param writeRecordsPerSecond per-shard write capacity in records: 1,000/s
 * @param readBytesPerSecond per-shard read capacity: 2 MiB/s
 * @param readCallsPerSecond GetRecords calls per shard: 5/s
 * @param scaleCheckInterval how often on-demand streams are looked at
 * @param hotShardLoad an on-demand shard whose write rate over the last minute exceeds this
 *     fraction of its capacity (bytes or records) is split
 * @param idleShardLoad two adjacent on-demand shards that both stayed below this fraction of
 *     capacity for {@code idleTime} are merged (never below the initial 4 open shards)
 * @param idleTime how long shards must stay idle before they are merged
 */
public record CapacityConfig(
    boolean throttling,
    long writeBytesPerSecond,
    int writeRecordsPerSecond,
    long readBytesPerSecond,
    int readCallsPerSecond,
    Duration scaleCheckInterval,
    double hotShardLoad,
    double idleShardLoad,
    Duration idleTime) {

  public static CapacityConfig defaults() {
    return new CapacityConfig(false, 1024 * 1024, 1000, 2 * 1024 * 1024, 5, Duration.ofSeconds(10),
        0.8, 0.1, Duration.ofHours(1));
  }

  public CapacityConfig withThrottling(boolean on) {
    return new CapacityConfig(on, writeBytesPerSecond, writeRecordsPerSecond, readBytesPerSecond,
        readCallsPerSecond, scaleCheckInterval, hotShardLoad, idleShardLoad, idleTime);
  }
}
