package io.rivulet.benchmarks.firehose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server's Firehose metrics for one delivery stream, sampled over a run, and what they say:
 * the rate at which delivery moved bytes to S3, the DataFreshness seen, and when everything was
 * delivered. Thread-safe: one thread adds samples while another may read them.
 *
 * <p>The delivery rate is measured between deliveries, not over a fixed window: a delivery shows
 * up as a sample whose delivered-bytes counter is higher than the sample before, so the rate is
 * (bytes at the last such sample − bytes at the first) / (time between them), over the change
 * points inside the window. A buffered pipeline delivers in bursts (one object per buffer), and a
 * fixed window would count a whole burst or none of it at each edge; between change points every
 * delivery is counted whole, so the rate is exact up to the sampling period at each end.
 */
final class DeliveryTimeline {
  /** One scrape of {@code /metrics}: counters as they were at {@code wallMillis}. */
  record Sample(long wallMillis, double incomingRecords, double deliveredRecords,
      double deliveredBytes, double successes, double freshnessSeconds, double bufferedBytes) {}

  /**
   * Bytes per second delivered between the first and the last delivery seen inside a window,
   * and how many deliveries (S3 objects) that span holds; NaN when fewer than two were seen.
   */
  record Rate(double bytesPerSecond, double deliveries, long firstMillis, long lastMillis) {}

  /** DataFreshness seen in a window: its largest sample, its 99th percentile, and when the largest was. */
  record Freshness(double maxSeconds, double p99Seconds, long maxAtMillis, int samples) {}

  private final List<Sample> samples = new ArrayList<>();

  synchronized void add(Sample s) {
    samples.add(s);
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  synchronized Sample last() {
    return samples.isEmpty() ? null : samples.get(samples.size() - 1);
  }

  /** The delivery rate over the deliveries completed within [fromMillis, untilMillis]. */
  static Rate deliveryRate(List<Sample> samples, long fromMillis, long untilMillis) {
    Sample first = null;
    Sample last = null;
    for (int i = 1; i < samples.size(); i++) {
      Sample s = samples.get(i);
      if (s.wallMillis() < fromMillis || s.wallMillis() > untilMillis
          || s.deliveredBytes() <= samples.get(i - 1).deliveredBytes()) {
        continue;
      }
      if (first == null) {
        first = s;
      }
      last = s;
    }
    if (first == null || last == first) {
      return new Rate(Double.NaN, first == null ? 0 : 1, -1, -1);
    }
    double seconds = (last.wallMillis() - first.wallMillis()) / 1000.0;
    return new Rate((last.deliveredBytes() - first.deliveredBytes()) / seconds,
        last.successes() - first.successes(), first.wallMillis(), last.wallMillis());
  }

  /** The DataFreshness samples taken within [fromMillis, untilMillis]. */
  static Freshness freshness(List<Sample> samples, long fromMillis, long untilMillis) {
    double[] values = samples.stream()
        .filter(s -> s.wallMillis() >= fromMillis && s.wallMillis() <= untilMillis)
        .mapToDouble(Sample::freshnessSeconds).toArray();
    if (values.length == 0) {
      return new Freshness(Double.NaN, Double.NaN, -1, 0);
    }
    long maxAt = -1;
    double max = Double.NEGATIVE_INFINITY;
    for (Sample s : samples) {
      if (s.wallMillis() >= fromMillis && s.wallMillis() <= untilMillis && s.freshnessSeconds() > max) {
        max = s.freshnessSeconds();
        maxAt = s.wallMillis();
      }
    }
    Arrays.sort(values);
    return new Freshness(max, percentile(values, 99), maxAt, values.length);
  }

  /** The {@code p}th percentile of sorted {@code values} (nearest rank). */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * When the delivered-records counter was first seen at {@code records} or more, or -1 if it
   * never was. The counter never goes down, so this is a binary search.
   */
  static long deliveredAt(List<Sample> samples, long records) {
    int lo = 0;
    int hi = samples.size(); // the answer is in [lo, hi]; hi means none
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (samples.get(mid).deliveredRecords() >= records) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo < samples.size() ? samples.get(lo).wallMillis() : -1;
  }
}
