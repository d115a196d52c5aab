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
import io.rivulet.firehose.engine.DeliveryStats;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.firehose.engine.FirehoseEngine.View;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Firehose metrics per delivery stream, read from the engine at scrape time, after Firehose's
 * CloudWatch metrics: IncomingRecords/Bytes/PutRequests, ThrottledRecords, the processing-failed
 * records, the undelivered buffer, and per destination ({@code DeliveryTo<Destination>.*}, label
 * {@code destination}) successful deliveries, records, bytes, failed records and DataFreshness
 * (age of the oldest undelivered record, 0 when all are delivered). Thread-safe.
 */
final class FirehoseMetrics implements MultiCollector {
  private record Family(String name, String help, ToDoubleFunction<View> value) {}

  private record DestinationFamily(String name, String help,
      ToDoubleFunction<DeliveryStats.Destination> value) {}

  private static final List<Family> STREAM_COUNTERS = List.of(
      new Family("rivulet_firehose_incoming_records", "Records accepted (IncomingRecords)",
          v -> v.stats().incomingRecords.sum()),
      new Family("rivulet_firehose_incoming_bytes", "Bytes accepted (IncomingBytes)",
          v -> v.stats().incomingBytes.sum()),
      new Family("rivulet_firehose_incoming_put_requests",
          "PutRecord and PutRecordBatch calls (IncomingPutRequests)",
          v -> v.stats().incomingPutRequests.sum()),
      new Family("rivulet_firehose_throttled_records", "Records refused by throttling (ThrottledRecords)",
          v -> v.stats().throttledRecords.sum()),
      new Family("rivulet_firehose_processing_failed_records",
          "Records processing sent to the error output (processing-failed)",
          v -> v.stats().processingFailedRecords.sum()),
      new Family("rivulet_firehose_decryption_failures",
          "Encrypted buffer records refused on read (failed authentication: altered or moved)",
          v -> v.stats().decryptionFailures.sum()));

  private static final List<DestinationFamily> DESTINATION_COUNTERS = List.of(
      new DestinationFamily("rivulet_firehose_delivery_success",
          "Successful deliveries (DeliveryTo<Destination>.Success)", d -> d.success.sum()),
      new DestinationFamily("rivulet_firehose_delivery_records",
          "Records delivered (DeliveryTo<Destination>.Records)", d -> d.records.sum()),
      new DestinationFamily("rivulet_firehose_delivery_bytes",
          "Bytes delivered (DeliveryTo<Destination>.Bytes)", d -> d.bytes.sum()),
      new DestinationFamily("rivulet_firehose_delivery_failed_records",
          "Records the destination gave up on and sent to the error output", d -> d.failedRecords.sum()));

  private final FirehoseEngine engine;

  FirehoseMetrics(FirehoseEngine engine) {
    this.engine = engine;
  }

  @Override
  public MetricSnapshots collect() {
    List<View> views = engine.views();
    long now = engine.clock().millis();
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    for (Family f : STREAM_COUNTERS) {
      Map<Labels, Double> values = new LinkedHashMap<>();
      views.forEach(v -> values.put(labels(v), f.value().applyAsDouble(v)));
      out.metricSnapshot(counter(f.name(), f.help(), values));
    }
    for (DestinationFamily f : DESTINATION_COUNTERS) {
      Map<Labels, Double> values = new LinkedHashMap<>();
      for (View v : views) {
        v.stats().destinations().forEach((name, d) ->
            values.put(labels(v).add("destination", name), f.value().applyAsDouble(d)));
      }
      out.metricSnapshot(counter(f.name(), f.help(), values));
    }
    Map<Labels, Double> buffered = new LinkedHashMap<>();
    Map<Labels, Double> freshness = new LinkedHashMap<>();
    for (View v : views) {
      buffered.put(labels(v), (double) v.undeliveredBytes());
      double age = v.oldestUndeliveredMillis() < 0 ? 0
          : Math.max(0, now - v.oldestUndeliveredMillis()) / 1000.0;
      freshness.put(labels(v).add("destination", destinationName(v.meta().destinationType())), age);
    }
    sourceMetrics(views, out);
    out.metricSnapshot(gauge("rivulet_firehose_buffered_bytes",
        "Bytes in the buffer not yet delivered", buffered));
    out.metricSnapshot(gauge("rivulet_firehose_delivery_data_freshness_seconds",
        "Age of the oldest record not yet delivered (DeliveryTo<Destination>.DataFreshness)",
        freshness));
    return out.build();
  }

  /** DataReadFromKinesisStream.Records/.Bytes and KinesisMillisBehindLatest of Kinesis sources. */
  private static void sourceMetrics(List<View> views, MetricSnapshots.Builder out) {
    Map<Labels, Double> records = new LinkedHashMap<>();
    Map<Labels, Double> bytes = new LinkedHashMap<>();
    Map<Labels, Double> behind = new LinkedHashMap<>();
    for (View v : views) {
      if (v.source() != null) {
        records.put(labels(v), (double) v.source().recordsRead());
        bytes.put(labels(v), (double) v.source().bytesRead());
        behind.put(labels(v), (double) v.source().millisBehindLatest());
      }
    }
    out.metricSnapshot(counter("rivulet_firehose_kinesis_records_read",
        "Records read from the source data stream (DataReadFromKinesisStream.Records)", records));
    out.metricSnapshot(counter("rivulet_firehose_kinesis_bytes_read",
        "Bytes read from the source data stream (DataReadFromKinesisStream.Bytes)", bytes));
    out.metricSnapshot(gauge("rivulet_firehose_kinesis_millis_behind_latest",
        "How far the source is behind the newest record of the data stream (KinesisMillisBehindLatest)",
        behind));
  }

  /** The {@code DeliveryTo<name>} a destination type reports under. */
  static String destinationName(String destinationType) {
    return switch (destinationType) {
      case "ExtendedS3" -> "S3";
      case "Amazonopensearchservice" -> "AmazonOpenSearchService";
      default -> destinationType;
    };
  }

  private static Labels labels(View v) {
    return Labels.of("account", v.meta().account(), "region", v.meta().region(),
        "delivery_stream", v.meta().name());
  }

}
