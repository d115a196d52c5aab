package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.ShardMeta;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes;
import io.rivulet.streams.model.Shapes.EnhancedMetrics;
import io.rivulet.streams.model.Shapes.Shard;
import io.rivulet.streams.model.Shapes.StreamModeDetails;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** DescribeStream: the stream and a page of its shards (Limit, ExclusiveStartShardId). */
public final class DescribeStream
    extends KinesisOperation<DescribeStream.Input, DescribeStream.Output> {
  static final int DEFAULT_LIMIT = 100;

  public record Input(String streamName, String streamARN, Integer limit, String exclusiveStartShardId) {}

  public record Output(StreamDescription streamDescription) {}

  public record StreamDescription(String streamName, String streamARN, String streamStatus,
      StreamModeDetails streamModeDetails, List<Shard> shards, Boolean hasMoreShards,
      Integer retentionPeriodHours, Instant streamCreationTimestamp,
      List<EnhancedMetrics> enhancedMonitoring, String encryptionType, String keyId) {}

  public DescribeStream(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamMeta m = engine.describe(StreamRefs.resolve(in.streamName(), in.streamARN(), ctx));
    int limit = in.limit() == null ? DEFAULT_LIMIT : Math.min(in.limit(), DEFAULT_LIMIT);
    List<Shard> page = new ArrayList<>();
    boolean more = false;
    for (ShardMeta s : Shapes.visibleShards(m)) {
      if (in.exclusiveStartShardId() != null && s.shardId().compareTo(in.exclusiveStartShardId()) <= 0) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(Shard.of(s));
    }
    return new Output(new StreamDescription(m.name(), m.arn(), m.status(),
        new StreamModeDetails(m.mode()), page, more, m.retentionHours(),
        Instant.ofEpochMilli(m.createdMillis()),
        List.of(new EnhancedMetrics(m.shardLevelMetrics())), m.encryptionType(), m.keyId()));
  }
}
