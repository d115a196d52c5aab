package io.rivulet.streams.ops;

import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.List;

/** EnableEnhancedMonitoring: adds shard-level metrics ({@code ALL}: every one) to the stream's set. */
public final class EnableEnhancedMonitoring extends EnhancedMonitoring {

  /** @param allMetrics the model's MetricsName values without ALL */
  public EnableEnhancedMonitoring(StreamsEngine engine, DataPlane data, List<String> allMetrics) {
    super(engine, data, allMetrics, true);
  }
}
