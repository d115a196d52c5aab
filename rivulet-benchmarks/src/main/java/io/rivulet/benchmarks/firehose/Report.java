package io.rivulet.benchmarks.firehose;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Everything one Firehose benchmark run measured, printed as a summary with one pass/fail line
 * per target of the issue (delivery ≥ 0.9 × ingest MB/s; data freshness within the buffer
 * interval + 1 s; every acknowledged record delivered, once), and as one JSON line. Immutable.
 */
record Report(String settings, CompressionSpeed.Result compressor, Producer.Result ingest,
    DeliveryTimeline.Rate delivery, DeliveryTimeline.Rate afterWindow,
    DeliveryTimeline.Freshness freshness, Verifier.Result bucket, double drainSeconds,
    long undeliveredAtEnd, int bufferSeconds, double serverCores, double clientCores) {

  static final double DELIVERY_RATIO_TARGET = 0.9;

  double ingestMegabytesPerSecond() {
    return ingest.megabytesPerSecond();
  }

  double deliveryMegabytesPerSecond() {
    return delivery.bytesPerSecond() / FirehoseBench.MB;
  }

  double deliveryRatio() {
    return deliveryMegabytesPerSecond() / ingestMegabytesPerSecond();
  }

  double freshnessTargetSeconds() {
    return bufferSeconds + 1.0;
  }

  boolean deliveryKeptUp() {
    return deliveryRatio() >= DELIVERY_RATIO_TARGET;
  }

  /** Met when every sample was within the target and nothing was left undelivered at the end. */
  boolean freshnessMet() {
    return undeliveredAtEnd == 0 && freshness.maxSeconds() <= freshnessTargetSeconds();
  }

  boolean recordLatencyMet() {
    Histogram h = bucket.latencyMillis();
    return h.getTotalCount() > 0 && h.getMaxValue() <= freshnessTargetSeconds() * 1000;
  }

  boolean allDelivered() {
    return bucket.missing() == 0 && bucket.duplicates() == 0
        && bucket.records() - bucket.duplicates() - bucket.unacknowledged() == ingest.ackedTotal();
  }

  boolean passed() {
    return deliveryKeptUp() && freshnessMet() && recordLatencyMet() && allDelivered();
  }

  private static double ms(Histogram h, double p) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p);
  }

  void print(PrintStream out) {
    Histogram put = ingest.latencyMicros();
    Histogram svc = ingest.serviceMicros();
    Histogram rec = bucket.latencyMillis();
    out.printf(Locale.ROOT, "FIREHOSE: %s%n", settings);
    if (!Double.isNaN(compressor.megabytesPerSecond())) {
      out.printf(Locale.ROOT, "  compressor alone (the server's, in this JVM, one core, before the run):"
          + " %.1f MB/s in, %.2fx smaller%n", compressor.megabytesPerSecond(), compressor.ratio());
    }
    out.printf(Locale.ROOT, "  ingest: %,d records acknowledged in %.1f s: %,.0f records/s, %.2f MB/s;"
        + " %,d calls, %d errors, %d failed records%n", ingest.records(), ingest.seconds(),
        ingest.recordsPerSecond(), ingestMegabytesPerSecond(), ingest.calls(), ingest.errors(),
        ingest.failedRecords());
    out.printf(Locale.ROOT, "  PutRecordBatch ms (from when due): p50 %.2f  p99 %.2f  p999 %.2f  max %.2f"
        + "  (service time p50 %.2f  p99 %.2f; at most %d calls queued)%n",
        put.getValueAtPercentile(50) / 1e3, put.getValueAtPercentile(99) / 1e3,
        put.getValueAtPercentile(99.9) / 1e3, put.getMaxValue() / 1e3,
        svc.getValueAtPercentile(50) / 1e3, svc.getValueAtPercentile(99) / 1e3, ingest.maxQueued());
    out.printf(Locale.ROOT, "  delivery to S3: %.2f MB/s uncompressed over %.0f objects in the window"
        + " (%.2fx ingest); bucket %,d objects, %.1f MB stored for %.1f MB of records (%.2fx smaller)%n",
        deliveryMegabytesPerSecond(), delivery.deliveries(), deliveryRatio(), bucket.objects(),
        bucket.compressedBytes() / FirehoseBench.MB, bucket.uncompressedBytes() / FirehoseBench.MB,
        bucket.uncompressedBytes() / (double) Math.max(1, bucket.compressedBytes()));
    boolean backlog = undeliveredAtEnd > 0 || drainSeconds > bufferSeconds + 1;
    out.printf(Locale.ROOT, "  after the window: %s%s%n", undeliveredAtEnd == 0
            ? String.format(Locale.ROOT, "all delivered %.1f s after the last acknowledgement", drainSeconds)
            : String.format(Locale.ROOT, "%,d records still undelivered when the bench stopped waiting"
                + " (--drain-timeout)", undeliveredAtEnd),
        backlog ? String.format(Locale.ROOT, "; the backlog went out at %.2f MB/s over %.0f objects",
            afterWindow.bytesPerSecond() / FirehoseBench.MB, afterWindow.deliveries()) : "");
    out.printf(Locale.ROOT, "  records: %,d acknowledged (warm-up included), %,d in S3: %d missing,"
        + " %d duplicates, %d not acknowledged%n", ingest.ackedTotal(), bucket.records(),
        bucket.missing(), bucket.duplicates(), bucket.unacknowledged());
    out.printf(Locale.ROOT, "  DataFreshness (server, %d samples): max %.1f s, p99 %.1f s%n",
        freshness.samples(), freshness.maxSeconds(), freshness.p99Seconds());
    out.printf(Locale.ROOT, "  record sent -> in S3 (%,d records sent in the window): p50 %.1f s"
        + "  p99 %.1f s  max %.1f s%s%n", rec.getTotalCount(), ms(rec, 50) / 1e3,
        ms(rec, 99) / 1e3, rec.getTotalCount() == 0 ? Double.NaN : rec.getMaxValue() / 1e3,
        bucket.recordsWithoutTime() > 0
            ? " (" + bucket.recordsWithoutTime() + " records without a time: no buffer offset in"
                + " their RecordId, or not delivered while sampled)" : "");
    out.printf(Locale.ROOT, "  CPU: server %.2f cores, load generator %.2f cores (measured window)%n",
        serverCores, clientCores);
    verdict(out, deliveryKeptUp(), String.format(Locale.ROOT,
        "delivery >= %.1fx ingest MB/s: %.2fx (%.2f of %.2f MB/s)", DELIVERY_RATIO_TARGET,
        deliveryRatio(), deliveryMegabytesPerSecond(), ingestMegabytesPerSecond()));
    verdict(out, freshnessMet(), String.format(Locale.ROOT,
        "DataFreshness max <= %.0f s: %.1f s%s", freshnessTargetSeconds(), freshness.maxSeconds(),
        undeliveredAtEnd == 0 ? "" : " and growing (records still undelivered)"));
    verdict(out, recordLatencyMet(), String.format(Locale.ROOT,
        "record sent -> in S3 max <= %.0f s: %.1f s", freshnessTargetSeconds(),
        rec.getTotalCount() == 0 ? Double.NaN : rec.getMaxValue() / 1e3));
    verdict(out, allDelivered(), String.format(Locale.ROOT,
        "records delivered == acknowledged, once each: %,d of %,d", bucket.records()
            - bucket.duplicates() - bucket.unacknowledged(), ingest.ackedTotal()));
  }

  private static void verdict(PrintStream out, boolean ok, String what) {
    out.println("  " + (ok ? "PASS" : "FAIL") + "  " + what);
  }

  String json() {
    Histogram put = ingest.latencyMicros();
    Histogram rec = bucket.latencyMillis();
    return String.format(Locale.ROOT, "{\"phase\":\"firehose\",\"records\":%d,\"seconds\":%.3f,"
            + "\"recordsPerSec\":%.1f,\"ingestMbPerSec\":%.3f,\"errors\":%d,\"failedRecords\":%d,"
            + "\"putP50Ms\":%.3f,\"putP99Ms\":%.3f,\"putP999Ms\":%.3f,\"putMaxMs\":%.3f,"
            + "\"deliveryMbPerSec\":%.3f,\"deliveryRatio\":%.3f,\"objects\":%d,"
            + "\"compressedBytes\":%d,\"uncompressedBytes\":%d,\"acked\":%d,\"delivered\":%d,"
            + "\"missing\":%d,\"duplicates\":%d,\"drainSec\":%.3f,\"freshnessMaxSec\":%.3f,"
            + "\"freshnessP99Sec\":%.3f,\"recordLatencyP99Sec\":%.3f,\"recordLatencyMaxSec\":%.3f,"
            + "\"serverCores\":%.3f,\"clientCores\":%.3f,\"compressorMbPerSec\":%.3f,"
            + "\"afterWindowMbPerSec\":%.3f,\"undeliveredAtEnd\":%d,\"passed\":%b}",
        ingest.records(), ingest.seconds(), ingest.recordsPerSecond(), ingestMegabytesPerSecond(),
        ingest.errors(), ingest.failedRecords(), put.getValueAtPercentile(50) / 1e3,
        put.getValueAtPercentile(99) / 1e3, put.getValueAtPercentile(99.9) / 1e3,
        put.getMaxValue() / 1e3, deliveryMegabytesPerSecond(), deliveryRatio(), bucket.objects(),
        bucket.compressedBytes(), bucket.uncompressedBytes(), ingest.ackedTotal(), bucket.records(),
        bucket.missing(), bucket.duplicates(), drainSeconds, freshness.maxSeconds(),
        freshness.p99Seconds(), ms(rec, 99) / 1e3,
        rec.getTotalCount() == 0 ? Double.NaN : rec.getMaxValue() / 1e3, serverCores, clientCores,
        compressor.megabytesPerSecond(), afterWindow.bytesPerSecond() / FirehoseBench.MB,
        undeliveredAtEnd, passed());
  }
}
