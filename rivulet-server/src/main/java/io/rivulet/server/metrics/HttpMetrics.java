package io.rivulet.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.rivulet.server.http.HttpStats;
import io.rivulet.server.http.HttpStats.Limit;

/**
 * The HTTP endpoint's metrics, read from {@link HttpStats} at scrape time: open and accepted
 * connections, open event streams, how often each resource limit acted ({@code
 * rivulet_http_limit_exceeded_total{limit="…"}}, every limit always listed), and with HTTPS the
 * failed handshakes, certificate reloads and the served certificate's expiry. Thread-safe.
 */
final class HttpMetrics implements MultiCollector {
  private final HttpStats stats;

  HttpMetrics(HttpStats stats) {
    this.stats = stats;
  }

  @Override
  public MetricSnapshots collect() {
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    out.metricSnapshot(gauge("rivulet_http_connections_open",
        "Client connections open now (both listeners)", stats.openConnections()));
    out.metricSnapshot(counter("rivulet_http_connections_accepted",
        "Client connections accepted (refused ones not included)", Labels.EMPTY,
        stats.acceptedConnections()).build());
    out.metricSnapshot(gauge("rivulet_http_event_streams_open",
        "Long-lived responses (SubscribeToShard event streams) open now", stats.longLivedStreams()));
    CounterSnapshot.Builder limits = CounterSnapshot.builder().name("rivulet_http_limit_exceeded")
        .help("Connections and requests refused or closed by a resource limit (docs/SECURITY.md)");
    for (Limit limit : Limit.values()) {
      limits.dataPoint(CounterDataPointSnapshot.builder()
          .labels(Labels.of("limit", limit.label())).value(stats.hits(limit)).build());
    }
    out.metricSnapshot(limits.build());
    if (stats.tls()) {
      out.metricSnapshot(counter("rivulet_tls_handshake_failures",
          "TLS handshakes that failed (untrusted certificate, old protocol, no common cipher, ...)",
          Labels.EMPTY, stats.tlsHandshakeFailures()).build());
      out.metricSnapshot(counter("rivulet_tls_certificate_reloads",
          "Certificate reloads: ok (new connections get the new certificate) or refused (the"
              + " previous one stays)", Labels.of("result", "ok"), stats.tlsReloads())
          .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("result", "refused"))
              .value(stats.tlsReloadFailures()).build())
          .build());
      out.metricSnapshot(gauge("rivulet_tls_certificate_expiry_seconds",
          "When the certificate served to new connections expires (Unix time)",
          stats.certificateNotAfterSeconds()));
    }
    return out.build();
  }

  private static GaugeSnapshot gauge(String name, String help, double value) {
    return GaugeSnapshot.builder().name(name).help(help)
        .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
  }

  private static CounterSnapshot.Builder counter(String name, String help, Labels labels,
      double value) {
    return CounterSnapshot.builder().name(name).help(help)
        .dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
  }
}
