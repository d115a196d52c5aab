package io.rivulet.streams.engine;

import java.time.Duration;

/**
 * Settings of the Data Streams engine.
 *
 * @param createDelay how long a new stream stays CREATING (0: ACTIVE at once)
 * @param deleteDelay how long a deleted stream stays DELETING before it is gone
 * @param updateDelay how long a stream stays UPDATING before a reshard or mode change takes effect
 * @param shardLimit open shards allowed per account and region (AWS's default quota is 500 in the
 *     largest regions)
 * @param onDemandStreamLimit on-demand streams allowed per account and region (AWS: 50)
 * @param retentionCheckInterval how often expired records and shards are trimmed from disk
 * @param capacity shard capacity, throttling and on-demand scaling
 */
public record StreamsConfig(
    Duration createDelay,
    Duration deleteDelay,
    Duration updateDelay,
    int shardLimit,
    int onDemandStreamLimit,
    Duration retentionCheckInterval,
    CapacityConfig capacity) {

  public static StreamsConfig defaults() {
    return new StreamsConfig(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500),
        500, 50, Duration.ofMinutes(1), CapacityConfig.defaults());
  }

  /** The same delay for CREATING, DELETING and UPDATING. */
  public StreamsConfig withDelays(Duration create, Duration delete) {
    return new StreamsConfig(create, delete, create, shardLimit, onDemandStreamLimit,
        retentionCheckInterval, capacity);
  }

  public StreamsConfig withUpdateDelay(Duration update) {
    return new StreamsConfig(createDelay, deleteDelay, update, shardLimit, onDemandStreamLimit,
        retentionCheckInterval, capacity);
  }

  public StreamsConfig withShardLimit(int limit) {
    return new StreamsConfig(createDelay, deleteDelay, updateDelay, limit, onDemandStreamLimit,
        retentionCheckInterval, capacity);
  }

  public StreamsConfig withOnDemandStreamLimit(int limit) {
    return new StreamsConfig(createDelay, deleteDelay, updateDelay, shardLimit, limit,
        retentionCheckInterval, capacity);
  }

  public StreamsConfig withCapacity(CapacityConfig c) {
    return new StreamsConfig(createDelay, deleteDelay, updateDelay, shardLimit, onDemandStreamLimit,
        retentionCheckInterval, c);
  }
}
