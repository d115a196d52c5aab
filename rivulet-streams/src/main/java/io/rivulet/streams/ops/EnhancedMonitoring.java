package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Enable- and DisableEnhancedMonitoring: the stream's shard-level metrics set gains or loses the
 * metrics named ({@code ALL}: every metric of the model's {@code MetricsName} enum), kept in the
 * enum's order; both answer with the set before and after. Thread-safe.
 */
public abstract class EnhancedMonitoring
    extends KinesisOperation<EnhancedMonitoring.Input, EnhancedMonitoring.Output> {
  static final String ALL = "ALL";
  private final List<String> allMetrics;
  private final boolean enable;

  public record Input(String streamName, List<String> shardLevelMetrics, String streamARN,
      String streamId) {}

  /** The model's EnhancedMonitoringOutput. */
  public record Output(String streamName, List<String> currentShardLevelMetrics,
      List<String> desiredShardLevelMetrics, String streamARN) {}

  /** @param allMetrics the model's MetricsName values without ALL */
  EnhancedMonitoring(StreamsEngine engine, DataPlane data, List<String> allMetrics, boolean enable) {
    super(engine, data, Input.class);
    this.allMetrics = List.copyOf(allMetrics);
    this.enable = enable;
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    List<String> requested = in.shardLevelMetrics();
    Set<String> named = new HashSet<>(requested.contains(ALL) ? allMetrics : requested);
    List<String> before = new ArrayList<>();
    StreamMeta after = engine.update(key, m -> {
      before.addAll(m.shardLevelMetrics());
      List<String> next = new ArrayList<>();
      for (String metric : allMetrics) {
        boolean on = m.shardLevelMetrics().contains(metric);
        if (enable ? on || named.contains(metric) : on && !named.contains(metric)) {
          next.add(metric);
        }
      }
      return m.withShardLevelMetrics(next);
    });
    return new Output(key.name(), before, after.shardLevelMetrics(), key.arn());
  }
}
