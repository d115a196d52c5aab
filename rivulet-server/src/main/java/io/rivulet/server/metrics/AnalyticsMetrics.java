package io.rivulet.server.metrics;

import static io.rivulet.server.metrics.MetricFamilies.counter;
import static io.rivulet.server.metrics.MetricFamilies.gauge;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.ApplicationRunner.JobView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analytics metrics per application, read from the control plane at scrape time: the application
 * status (1 on the series labelled with the current status), and for applications with a job its
 * state (1 on the series labelled with it), records in and out, checkpoints completed and when the
 * last one completed, as {@code RunningApplication.metrics()} reports them. Thread-safe.
 */
final class AnalyticsMetrics implements MultiCollector {
  private final AnalyticsEngine engine;

  AnalyticsMetrics(AnalyticsEngine engine) {
    this.engine = engine;
  }

  @Override
  public MetricSnapshots collect() {
    List<JobView> jobs = engine.jobs();
    Map<Labels, Double> status = new LinkedHashMap<>();
    Map<Labels, Double> state = new LinkedHashMap<>();
    Map<Labels, Double> in = new LinkedHashMap<>();
    Map<Labels, Double> out = new LinkedHashMap<>();
    Map<Labels, Double> checkpoints = new LinkedHashMap<>();
    Map<Labels, Double> lastCheckpoint = new LinkedHashMap<>();
    for (JobView j : jobs) {
      Labels app = Labels.of("account", j.application().account(), "region",
          j.application().region(), "application", j.application().name());
      status.put(app.add("status", j.application().status()), 1.0);
      if (j.state() != null) {
        state.put(app.add("state", j.state().name()), 1.0);
        in.put(app, (double) j.metrics().recordsIn());
        out.put(app, (double) j.metrics().recordsOut());
        checkpoints.put(app, (double) j.metrics().checkpoints());
        lastCheckpoint.put(app, j.metrics().lastCheckpointMillis() / 1000.0);
      }
    }
    MetricSnapshots.Builder b = MetricSnapshots.builder();
    b.metricSnapshot(gauge("rivulet_analytics_application_status",
        "1 for the application's current status (READY, STARTING, RUNNING, ...)", status));
    b.metricSnapshot(gauge("rivulet_analytics_job_state",
        "1 for the state of the application's job (STARTING, RUNNING, FAILED, ...)", state));
    b.metricSnapshot(counter("rivulet_analytics_records_in",
        "Records the application's job read from its inputs", in));
    b.metricSnapshot(counter("rivulet_analytics_records_out",
        "Records the application's job wrote to its outputs", out));
    b.metricSnapshot(counter("rivulet_analytics_checkpoints",
        "Checkpoints the application's job completed", checkpoints));
    b.metricSnapshot(gauge("rivulet_analytics_last_checkpoint_timestamp_seconds",
        "When the job's last checkpoint completed (epoch seconds, 0 when none)", lastCheckpoint));
    return b.build();
  }

}
