package io.rivulet.streams.engine;

import java.util.List;
import java.util.Map;

/**
 * One stream's control-plane state. Immutable: a change builds a new value, which is persisted
 * before it is published.
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
    int nextShardIndex) {

  public static final String CREATING = "CREATING";
  public static final String DELETING = "DELETING";
  public static final String ACTIVE = "ACTIVE";
  public static final String UPDATING = "UPDATING";

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

  public StreamMeta withStatus(String newStatus, long atMillis) {
    return new StreamMeta(account, region, name, createdMillis, newStatus, mode, retentionHours, tags,
        shards, encryptionType, keyId, shardLevelMetrics, maxRecordSizeKiB, atMillis, nextShardIndex);
  }

  public StreamMeta withRetentionHours(int hours) {
    return new StreamMeta(account, region, name, createdMillis, status, mode, hours, tags, shards,
        encryptionType, keyId, shardLevelMetrics, maxRecordSizeKiB, statusChangedMillis,
        nextShardIndex);
  }

  public StreamMeta withTags(Map<String, String> newTags) {
    return new StreamMeta(account, region, name, createdMillis, status, mode, retentionHours, newTags,
        shards, encryptionType, keyId, shardLevelMetrics, maxRecordSizeKiB, statusChangedMillis,
        nextShardIndex);
  }

  public StreamMeta withMode(String newMode) {
    return new StreamMeta(account, region, name, createdMillis, status, newMode, retentionHours, tags,
        shards, encryptionType, keyId, shardLevelMetrics, maxRecordSizeKiB, statusChangedMillis,
        nextShardIndex);
  }

  /** The shard list after a reshard (or retention), and the next unused shard index. */
  public StreamMeta withShards(List<ShardMeta> newShards, int next) {
    return new StreamMeta(account, region, name, createdMillis, status, mode, retentionHours, tags,
        newShards, encryptionType, keyId, shardLevelMetrics, maxRecordSizeKiB, statusChangedMillis,
        next);
  }

  /** The open shards, in hash-key order. */
  public List<ShardMeta> openShards() {
    return shards.stream().filter(ShardMeta::isOpen)
        .sorted(java.util.Comparator.comparing(ShardMeta::startHash)).toList();
  }
}
