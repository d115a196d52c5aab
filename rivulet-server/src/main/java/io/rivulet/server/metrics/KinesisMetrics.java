package io.rivulet.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.engine.StreamsEngine.ShardView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Kinesis Data Streams metrics, read from the engine at scrape time: stream-level series always
 * (as CloudWatch's stream metrics), and shard-level series for the metrics a stream's
 * EnableEnhancedMonitoring names (as CloudWatch's shard-level metrics). Thread-safe.
 */
final class KinesisMetrics implements MultiCollector {
  /** One metric family: its Kinesis name, Prometheus name, help, kind and how to read a shard. */
  private record Family(String kinesisName, String name, String help, boolean counter,
      ToDoubleFunction<ShardView> value) {}

  private static final List<Family> FAMILIES = List.of(
      new Family("IncomingRecords", "rivulet_kinesis_incoming_records", "Records put",
          true, v -> v.stats().incomingRecords.sum()),
      new Family("IncomingBytes", "rivulet_kinesis_incoming_bytes", "Bytes put (data and partition keys)",
          true, v -> v.stats().incomingBytes.sum()),
      new Family("OutgoingRecords", "rivulet_kinesis_outgoing_records", "Records returned by GetRecords",
          true, v -> v.stats().outgoingRecords.sum()),
      new Family("OutgoingBytes", "rivulet_kinesis_outgoing_bytes", "Bytes returned by GetRecords",
          true, v -> v.stats().outgoingBytes.sum()),
      new Family("GetRecords", "rivulet_kinesis_get_records_calls", "GetRecords calls",
          true, v -> v.stats().getRecordsCalls.sum()),
      new Family("WriteProvisionedThroughputExceeded", "rivulet_kinesis_write_throttled_records",
          "Records rejected by write throttling", true, v -> v.stats().writeThrottled.sum()),
      new Family("ReadProvisionedThroughputExceeded", "rivulet_kinesis_read_throttled_calls",
          "GetRecords calls rejected by read throttling", true, v -> v.stats().readThrottled.sum()),
      new Family("DecryptionFailures", "rivulet_kinesis_decryption_failures",
          "Encrypted records refused on read because they failed authentication (altered, moved, or"
          + " under a key the key store does not have)", true, v -> v.stats().decryptionFailures.sum()),
      new Family("IteratorAgeMilliseconds", "rivulet_kinesis_iterator_age_milliseconds",
          "MillisBehindLatest of the last GetRecords", false, v -> v.stats().iteratorAgeMillis.get()),
      new Family("StorageBytes", "rivulet_kinesis_storage_bytes", "Bytes the shard's log holds on disk",
          false, ShardView::storageBytes));

  private final StreamsEngine engine;

  KinesisMetrics(StreamsEngine engine) {
    this.engine = engine;
  }

  @Override
  public MetricSnapshots collect() {
    List<ShardView> shards = engine.shardViews();
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    for (Family f : FAMILIES) {
      Map<Labels, Double> byStream = new LinkedHashMap<>();
      Map<Labels, Double> byShard = new LinkedHashMap<>();
      for (ShardView v : shards) {
        Labels stream = Labels.of("account", v.stream().account(), "region", v.stream().region(),
            "stream", v.stream().name());
        double value = f.value().applyAsDouble(v);
        byStream.merge(stream, value, f.counter() ? Double::sum : Math::max);
        if (enhanced(v, f.kinesisName())) {
          byShard.put(stream.add("shard", v.shard().shardId()), value);
        }
      }
      out.metricSnapshot(snapshot(f.name() + "_stream", f.help() + ", per stream", f.counter(), byStream));
      out.metricSnapshot(snapshot(f.name() + "_shard",
          f.help() + ", per shard (with EnableEnhancedMonitoring)", f.counter(), byShard));
    }
    Map<Labels, Double> open = new LinkedHashMap<>();
    for (ShardView v : shards) {
      open.merge(Labels.of("account", v.stream().account(), "region", v.stream().region(),
          "stream", v.stream().name()), v.shard().isOpen() ? 1.0 : 0.0, Double::sum);
    }
    out.metricSnapshot(snapshot("rivulet_kinesis_open_shards", "Open shards per stream", false, open));
    return out.build();
  }

  private static boolean enhanced(ShardView v, String kinesisName) {
    List<String> on = v.stream().shardLevelMetrics();
    return on.contains(kinesisName) || on.contains("ALL");
  }

  private static io.prometheus.metrics.model.snapshots.MetricSnapshot snapshot(String name,
      String help, boolean counter, Map<Labels, Double> values) {
    if (counter) {
      CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
      values.forEach((l, v) -> b.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(v).build()));
      return b.build();
    }
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
    values.forEach((l, v) -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(v).build()));
    return b.build();
  }
}
