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
import io.rivulet.video.VideoStats;
import io.rivulet.video.VideoStats.StreamCounters;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Kinesis Video Streams metrics, read at scrape time: how many streams each account has in each
 * region by status, each stream's retention, and per stream the traffic counters the ingest and
 * playback endpoints keep ({@link VideoStats}, after KVS's CloudWatch metrics PutMedia.Incoming*,
 * PutMedia.ActiveConnections, GetMedia.Outgoing*). Thread-safe.
 */
final class VideoMetrics implements MultiCollector {
  private record Family(String name, String help, ToDoubleFunction<StreamCounters> value) {}

  private static final List<Family> COUNTERS = List.of(
      new Family("rivulet_video_putmedia_incoming_bytes", "MKV bytes received by PutMedia (PutMedia.IncomingBytes)",
          c -> c.incomingBytes.sum()),
      new Family("rivulet_video_putmedia_incoming_fragments",
          "Fragments received by PutMedia (PutMedia.IncomingFragments)", c -> c.incomingFragments.sum()),
      new Family("rivulet_video_putmedia_incoming_frames", "Frames received by PutMedia (PutMedia.IncomingFrames)",
          c -> c.incomingFrames.sum()),
      new Family("rivulet_video_putmedia_persisted_fragments", "Fragments stored durably (PERSISTED acks)",
          c -> c.persistedFragments.sum()),
      new Family("rivulet_video_putmedia_error_acks", "ERROR acks sent to producers",
          c -> c.errorAcks.sum()),
      new Family("rivulet_video_getmedia_outgoing_bytes", "Media bytes sent by GetMedia (GetMedia.OutgoingBytes)",
          c -> c.outgoingBytes.sum()),
      new Family("rivulet_video_getmedia_outgoing_fragments",
          "Fragments sent by GetMedia (GetMedia.OutgoingFragments)", c -> c.outgoingFragments.sum()));

  private final VideoStreams streams;
  private final VideoStats stats;

  VideoMetrics(VideoStreams streams, VideoStats stats) {
    this.streams = streams;
    this.stats = stats;
  }

  @Override
  public MetricSnapshots collect() {
    List<StreamMeta> all = streams.all();
    long now = streams.clockMillis();
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    Map<Labels, Double> counts = new TreeMap<>();
    Map<Labels, Double> retention = new LinkedHashMap<>();
    for (StreamMeta m : all) {
      counts.merge(Labels.of("account", m.account(), "region", m.region(), "status", m.status(now)),
          1.0, Double::sum);
      retention.put(labels(m), (double) m.dataRetentionInHours());
    }
    out.metricSnapshot(gauge("rivulet_video_streams", "Video streams, by account, region and status", counts));
    out.metricSnapshot(gauge("rivulet_video_stream_retention_hours",
        "Each video stream's data retention (0: no media kept)", retention));
    for (Family f : COUNTERS) {
      Map<Labels, Double> values = new LinkedHashMap<>();
      for (StreamMeta m : all) {
        StreamCounters c = stats.peek(m.arn());
        values.put(labels(m), c == null ? 0 : f.value().applyAsDouble(c));
      }
      out.metricSnapshot(counter(f.name(), f.help(), values));
    }
    Map<Labels, Double> connections = new LinkedHashMap<>();
    for (StreamMeta m : all) {
      StreamCounters c = stats.peek(m.arn());
      connections.put(labels(m), c == null ? 0 : (double) c.activePutMediaConnections.get());
    }
    out.metricSnapshot(gauge("rivulet_video_putmedia_active_connections",
        "PutMedia sessions open now (PutMedia.ActiveConnections)", connections));
    return out.build();
  }

  private static Labels labels(StreamMeta m) {
    return Labels.of("account", m.account(), "region", m.region(), "stream", m.name());
  }

}
