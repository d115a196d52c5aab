package io.rivulet.streams.ops;

import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.List;

/** DisableEnhancedMonitoring: removes shard-level metrics ({@code ALL}: every one) from the set. */
public final class DisableEnhancedMonitoring extends EnhancedMonitoring {

  /** @param allMetrics the model's MetricsName values without ALL */
  public DisableEnhancedMonitoring(StreamsEngine engine, DataPlane data, List<String> allMetrics) {
    super(engine, data, allMetrics, false);
  }
}
