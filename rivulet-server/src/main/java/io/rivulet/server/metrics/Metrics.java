package io.rivulet.server.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.server.http.HttpStats;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.video.VideoStats;
import io.rivulet.video.control.VideoStreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's Prometheus metrics (served at {@code GET /metrics}): JVM metrics, the Kinesis
 * stream and shard metrics, the Firehose delivery stream metrics, the Analytics application
 * metrics, the Kinesis Video Streams metrics and the HTTP endpoint's. One registry per server, so
 * that servers in one JVM (tests) do not
 * mix. Thread-safe.
 */
public final class Metrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  public Metrics(StreamsEngine streams, FirehoseEngine firehose) {
    JvmMetrics.builder().register(registry);
    registry.register(new KinesisMetrics(streams));
    registry.register(new FirehoseMetrics(firehose));
  }

  /** Adds the Analytics application metrics (status, job state, records, checkpoints). */
  public void analytics(io.rivulet.analytics.engine.AnalyticsEngine engine) {
    registry.register(new AnalyticsMetrics(engine));
  }

  /** Adds the Kinesis Video Streams metrics (streams, and the ingest and playback counters). */
  public void video(VideoStreams streams, VideoStats stats) {
    registry.register(new VideoMetrics(streams, stats));
  }

  /** Adds the HTTP endpoint's metrics (connections, limits, TLS), once the endpoint runs. */
  public void http(HttpStats stats) {
    registry.register(new HttpMetrics(stats));
  }

  /** Everything in the Prometheus text format (version 0.0.4). */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
