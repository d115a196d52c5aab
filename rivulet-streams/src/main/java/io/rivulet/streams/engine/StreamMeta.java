package io.rivulet.streams.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One stream's control-plane state. Immutable: a change builds a new value, which is persisted
 * before it is published. Components added after the first release may be absent (null) in older
 * snapshots; the compact constructor gives them their defaults.
 *
 * @param encryptionType {@code NONE} or {@code KMS}: how records written now are stored
 * @param keyId the KMS key id (as the caller gave it) records are encrypted under, while KMS
 * @param shardLevelMetrics the enhanced-monitoring metrics enabled, in the model's order
 * @param maxRecordSizeKiB the largest data blob a put accepts (1,024 to 10,240 KiB)
 * @param warmThroughputMiBps the warm throughput asked for (on-demand streams), or null
 * @param previousWarmThroughputMiBps the warm throughput before the latest change, still the
 *     current one while the stream is UPDATING (after that the asked-for value is), or null
 * @param encryptionKeys every KeyId records of this stream were ever encrypted under, in first-use
 *     order; a record's key version is its 1-based position here ({@link RecordCipher})
 * @param resourcePolicy the resource-based policy JSON, verbatim, or null
 * @param recentUpdates epoch milliseconds of the rate-limited changes of the last 24 hours, by
 *     operation name (UpdateStreamMode, StartStreamEncryption, StopStreamEncryption)
 */
public record StreamMeta(
    String account,
    String region,
    String name,
    long createdMillis,
    String status,
    String mode,
    int retentionHours,
    Map<String, String> tags,
    List<ShardMeta> shards,
    String encryptionType,
    String keyId,
    List<String> shardLevelMetrics,
    int maxRecordSizeKiB,
    long statusChangedMillis,
    int nextShardIndex,
    Integer warmThroughputMiBps,
    Integer previousWarmThroughputMiBps,
    List<String> encryptionKeys,
    String resourcePolicy,
    Map<String, List<Long>> recentUpdates,
    List<ConsumerMeta> consumers) {

  public static final String CREATING = "CREATING";
  public static final String DELETING = "DELETING";
  public static final String ACTIVE = "ACTIVE";
  public static final String UPDATING = "UPDATING";
  public static final String KMS = "KMS";
  public static final String NONE = "NONE";
  public static final String ON_DEMAND = "ON_DEMAND";
  public static final String PROVISIONED = "PROVISIONED";
  public static final int DEFAULT_MAX_RECORD_SIZE_KIB = 1024;

  public StreamMeta {
    encryptionType = encryptionType == null ? NONE : encryptionType;
    shardLevelMetrics = shardLevelMetrics == null ? List.of() : List.copyOf(shardLevelMetrics);
    maxRecordSizeKiB = maxRecordSizeKiB == 0 ? DEFAULT_MAX_RECORD_SIZE_KIB : maxRecordSizeKiB;
    encryptionKeys = encryptionKeys == null ? List.of() : List.copyOf(encryptionKeys);
    recentUpdates = recentUpdates == null ? Map.of() : Map.copyOf(recentUpdates);
    consumers = consumers == null ? List.of() : List.copyOf(consumers);
  }

  /** A stream without the settings added later (warm throughput, key history, policy). */
  public StreamMeta(String account, String region, String name, long createdMillis, String status,
      String mode, int retentionHours, Map<String, String> tags, List<ShardMeta> shards,
      String encryptionType, String keyId, List<String> shardLevelMetrics, int maxRecordSizeKiB,
      long statusChangedMillis, int nextShardIndex) {
    this(account, region, name, createdMillis, status, mode, retentionHours, tags, shards,
        encryptionType, keyId, shardLevelMetrics, maxRecordSizeKiB, statusChangedMillis,
        nextShardIndex, null, null, null, null, null, null);
  }

  public StreamKey key() {
    return new StreamKey(account, region, name);
  }

  public String arn() {
    return key().arn();
  }

  /** Directory-safe prefix of this stream incarnation's shard logs. */
  public String logPrefix() {
    return account + "/" + region + "/" + name + "-" + createdMillis;
  }

  public String logName(ShardMeta shard) {
    return logPrefix() + "/" + shard.shardId();
  }

  public boolean writable() {
    return status.equals(ACTIVE) || status.equals(UPDATING);
  }

  public long openShardCount() {
    return shards.stream().filter(ShardMeta::isOpen).count();
  }

  public ShardMeta shard(int index) {
    for (ShardMeta s : shards) {
      if (s.index() == index) {
        return s;
      }
    }
    return null;
  }

  /** The open shards, in hash-key order. */
  public List<ShardMeta> openShards() {
    return shards.stream().filter(ShardMeta::isOpen)
        .sorted(java.util.Comparator.comparing(ShardMeta::startHash)).toList();
  }

  /**
   * The version records written now are encrypted under (the 1-based position of {@link #keyId}
   * in {@link #encryptionKeys}), or 0 when encryption is off.
   */
  public int keyVersion() {
    return encryptionType.equals(KMS) ? encryptionKeys.indexOf(keyId) + 1 : 0;
  }

  /** The warm throughput reached: the previous value while UPDATING, else the asked-for one. */
  public Integer currentWarmThroughputMiBps() {
    return status.equals(UPDATING) ? previousWarmThroughputMiBps : warmThroughputMiBps;
  }

  /** How many {@code operation} changes were made since {@code sinceMillis}. */
  public int recentUpdates(String operation, long sinceMillis) {
    return (int) recentUpdates.getOrDefault(operation, List.of()).stream()
        .filter(t -> t > sinceMillis).count();
  }

  /** The registered consumer with this name, or null. */
  public ConsumerMeta consumer(String consumerName) {
    for (ConsumerMeta c : consumers) {
      if (c.name().equals(consumerName)) {
        return c;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- changes

  public StreamMeta withConsumers(List<ConsumerMeta> newConsumers) {
    Builder b = toBuilder();
    b.consumers = newConsumers;
    return b.build();
  }

  public StreamMeta withStatus(String newStatus, long atMillis) {
    Builder b = toBuilder();
    b.status = newStatus;
    b.statusChangedMillis = atMillis;
    return b.build();
  }

  public StreamMeta withRetentionHours(int hours) {
    Builder b = toBuilder();
    b.retentionHours = hours;
    return b.build();
  }

  public StreamMeta withTags(Map<String, String> newTags) {
    Builder b = toBuilder();
    b.tags = newTags;
    return b.build();
  }

  public StreamMeta withMode(String newMode) {
    Builder b = toBuilder();
    b.mode = newMode;
    return b.build();
  }

  /** The shard list after a reshard (or retention), and the next unused shard index. */
  public StreamMeta withShards(List<ShardMeta> newShards, int next) {
    Builder b = toBuilder();
    b.shards = newShards;
    b.nextShardIndex = next;
    return b.build();
  }

  public StreamMeta withMaxRecordSizeKiB(int kib) {
    Builder b = toBuilder();
    b.maxRecordSizeKiB = kib;
    return b.build();
  }

  public StreamMeta withShardLevelMetrics(List<String> metrics) {
    Builder b = toBuilder();
    b.shardLevelMetrics = metrics;
    return b.build();
  }

  /** A new asked-for warm throughput (null: none); the one before becomes the previous one. */
  public StreamMeta withWarmThroughput(Integer target) {
    Builder b = toBuilder();
    b.warmThroughputMiBps = target;
    b.previousWarmThroughputMiBps = warmThroughputMiBps;
    return b.build();
  }

  /** Encryption on under {@code newKeyId} (added to the key history), or off when null. */
  public StreamMeta withEncryption(String newKeyId) {
    Builder b = toBuilder();
    b.encryptionType = newKeyId == null ? NONE : KMS;
    b.keyId = newKeyId;
    if (newKeyId != null && !encryptionKeys.contains(newKeyId)) {
      List<String> keys = new ArrayList<>(encryptionKeys);
      keys.add(newKeyId);
      b.encryptionKeys = keys;
    }
    return b.build();
  }

  public StreamMeta withResourcePolicy(String policy) {
    Builder b = toBuilder();
    b.resourcePolicy = policy;
    return b.build();
  }

  /** Records one rate-limited change at {@code nowMillis}, forgetting those older than a day. */
  public StreamMeta withRecentUpdate(String operation, long nowMillis) {
    Map<String, List<Long>> next = new java.util.HashMap<>();
    long since = nowMillis - 86_400_000L;
    recentUpdates.forEach((op, times) -> {
      List<Long> kept = times.stream().filter(t -> t > since).toList();
      if (!kept.isEmpty()) {
        next.put(op, kept);
      }
    });
    List<Long> times = new ArrayList<>(next.getOrDefault(operation, List.of()));
    times.add(nowMillis);
    next.put(operation, times);
    Builder b = toBuilder();
    b.recentUpdates = next;
    return b.build();
  }

  private Builder toBuilder() {
    return new Builder(this);
  }

  /** A mutable copy, for the {@code with…} methods. Not thread-safe. */
  private static final class Builder {
    private final StreamMeta m;
    String status;
    String mode;
    int retentionHours;
    Map<String, String> tags;
    List<ShardMeta> shards;
    String encryptionType;
    String keyId;
    List<String> shardLevelMetrics;
    int maxRecordSizeKiB;
    long statusChangedMillis;
    int nextShardIndex;
    Integer warmThroughputMiBps;
    Integer previousWarmThroughputMiBps;
    List<String> encryptionKeys;
    String resourcePolicy;
    Map<String, List<Long>> recentUpdates;
    List<ConsumerMeta> consumers;

    Builder(StreamMeta m) {
      this.m = m;
      status = m.status;
      mode = m.mode;
      retentionHours = m.retentionHours;
      tags = m.tags;
      shards = m.shards;
      encryptionType = m.encryptionType;
      keyId = m.keyId;
      shardLevelMetrics = m.shardLevelMetrics;
      maxRecordSizeKiB = m.maxRecordSizeKiB;
      statusChangedMillis = m.statusChangedMillis;
      nextShardIndex = m.nextShardIndex;
      warmThroughputMiBps = m.warmThroughputMiBps;
      previousWarmThroughputMiBps = m.previousWarmThroughputMiBps;
      encryptionKeys = m.encryptionKeys;
      resourcePolicy = m.resourcePolicy;
      recentUpdates = m.recentUpdates;
      consumers = m.consumers;
    }

    StreamMeta build() {
      return new StreamMeta(m.account, m.region, m.name, m.createdMillis, status, mode,
          retentionHours, tags, shards, encryptionType, keyId, shardLevelMetrics, maxRecordSizeKiB,
          statusChangedMillis, nextShardIndex, warmThroughputMiBps, previousWarmThroughputMiBps,
          encryptionKeys, resourcePolicy, recentUpdates, consumers);
    }
  }
}
