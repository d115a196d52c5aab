package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes.EnhancedMetrics;
import io.rivulet.streams.model.Shapes.StreamModeDetails;
import io.rivulet.streams.model.Shapes.WarmThroughputObject;
import java.time.Instant;
import java.util.List;

/** DescribeStreamSummary: the stream without its shard list. */
public final class DescribeStreamSummary
    extends KinesisOperation<DescribeStreamSummary.Input, DescribeStreamSummary.Output> {

  public record Input(String streamName, String streamARN) {}

  public record Output(StreamDescriptionSummary streamDescriptionSummary) {}

  public record StreamDescriptionSummary(String streamName, String streamARN, String streamStatus,
      StreamModeDetails streamModeDetails, Integer retentionPeriodHours,
      Instant streamCreationTimestamp, List<EnhancedMetrics> enhancedMonitoring,
      String encryptionType, String keyId, Integer openShardCount, Integer consumerCount,
      WarmThroughputObject warmThroughput, Integer maxRecordSizeInKiB) {}

  public DescribeStreamSummary(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamMeta m = engine.describe(StreamRefs.resolve(in.streamName(), in.streamARN(), ctx));
    int open = m.status().equals(StreamMeta.CREATING) ? 0 : (int) m.openShardCount();
    return new Output(new StreamDescriptionSummary(m.name(), m.arn(), m.status(),
        new StreamModeDetails(m.mode()), m.retentionHours(), Instant.ofEpochMilli(m.createdMillis()),
        List.of(new EnhancedMetrics(m.shardLevelMetrics())), m.encryptionType(), m.keyId(), open, m.consumers().size(),
        WarmThroughputObject.of(m), m.maxRecordSizeKiB()));
  }
}
