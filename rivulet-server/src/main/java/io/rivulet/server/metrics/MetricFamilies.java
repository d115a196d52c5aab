package io.rivulet.server.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Map;

/** One counter or gauge family from values by label set, as the collectors build them. Stateless. */
final class MetricFamilies {
  private MetricFamilies() {}

  static MetricSnapshot counter(String name, String help, Map<Labels, Double> values) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    values.forEach((l, v) -> b.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(v).build()));
    return b.build();
  }

  static MetricSnapshot gauge(String name, String help, Map<Labels, Double> values) {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
    values.forEach((l, v) -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(v).build()));
    return b.build();
  }
}
