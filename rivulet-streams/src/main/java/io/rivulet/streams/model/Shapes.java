package io.rivulet.streams.model;

import io.rivulet.streams.engine.AccountSettings;
import io.rivulet.streams.engine.ShardMeta;
import io.rivulet.streams.engine.StreamMeta;
import java.time.Instant;
import java.util.List;

/**
 * Output shapes shared by several Kinesis operations, as records named after the AWS shapes;
 * component names are the members in lowerCamelCase. Immutable.
 */
public final class Shapes {
  private Shapes() {}

  public record HashKeyRange(String startingHashKey, String endingHashKey) {}

  public record SequenceNumberRange(String startingSequenceNumber, String endingSequenceNumber) {}

  public record Shard(String shardId, String parentShardId, String adjacentParentShardId,
      HashKeyRange hashKeyRange, SequenceNumberRange sequenceNumberRange) {

    public static Shard of(ShardMeta s) {
      return new Shard(s.shardId(), s.parentShardId(), s.adjacentParentShardId(),
          new HashKeyRange(s.startingHashKey(), s.endingHashKey()),
          new SequenceNumberRange(s.startingSequenceNumber(), s.endingSequenceNumber()));
    }
  }

  public record ChildShard(String shardId, List<String> parentShards, HashKeyRange hashKeyRange) {}

  public record StreamModeDetails(String streamMode) {}

  public record EnhancedMetrics(List<String> shardLevelMetrics) {}

  public record Tag(String key, String value) {}

  public record WarmThroughputObject(Integer targetMiBps, Integer currentMiBps) {

    /** The stream's warm throughput, or null when none was ever asked for. */
    public static WarmThroughputObject of(StreamMeta m) {
      return m.warmThroughputMiBps() == null ? null
          : new WarmThroughputObject(m.warmThroughputMiBps(), m.currentWarmThroughputMiBps());
    }
  }

  public record MinimumThroughputBillingCommitmentOutput(String status, Instant startedAt,
      Instant endedAt, Instant earliestAllowedEndAt) {

    public static MinimumThroughputBillingCommitmentOutput of(AccountSettings s) {
      return new MinimumThroughputBillingCommitmentOutput(s.commitmentStatus(),
          instant(s.startedMillis()), instant(s.endedMillis()), instant(s.earliestAllowedEndMillis()));
    }

    private static Instant instant(Long millis) {
      return millis == null ? null : Instant.ofEpochMilli(millis);
    }
  }

  public record StreamSummary(String streamName, String streamARN, String streamStatus,
      StreamModeDetails streamModeDetails, Instant streamCreationTimestamp) {

    public static StreamSummary of(StreamMeta m) {
      return new StreamSummary(m.name(), m.arn(), m.status(), new StreamModeDetails(m.mode()),
          Instant.ofEpochMilli(m.createdMillis()));
    }
  }

  /**
   * The children of a shard (its split halves or its merge result), as GetRecords and
   * SubscribeToShard report them once the shard is read to its end.
   */
  public static List<ChildShard> childShards(StreamMeta stream, ShardMeta parent) {
    String id = parent.shardId();
    List<ChildShard> out = new java.util.ArrayList<>();
    for (ShardMeta s : stream.shards()) {
      if (id.equals(s.parentShardId()) || id.equals(s.adjacentParentShardId())) {
        List<String> parents = s.adjacentParentShardId() == null
            ? List.of(s.parentShardId()) : List.of(s.parentShardId(), s.adjacentParentShardId());
        out.add(new ChildShard(s.shardId(), parents,
            new HashKeyRange(s.startingHashKey(), s.endingHashKey())));
      }
    }
    return out;
  }

  /** Shards are not visible while a stream is CREATING (AWS lists none until ACTIVE). */
  public static List<ShardMeta> visibleShards(StreamMeta m) {
    return m.status().equals(StreamMeta.CREATING) ? List.of() : m.shards();
  }
}
