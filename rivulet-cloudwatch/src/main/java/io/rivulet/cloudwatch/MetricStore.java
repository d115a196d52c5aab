package io.rivulet.cloudwatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest statistics of every metric series received (namespace, metric name and dimensions),
 * bounded to {@link #MAX_SERIES} series: once full, new series are dropped and counted. Thread-safe.
 */
public final class MetricStore {
  /** The most series kept; a client sending unbounded dimension values cannot exhaust memory. */
  public static final int MAX_SERIES = 10_000;

  /** One series: namespace, metric name and its dimensions sorted by name. */
  public record Series(String namespace, String metricName, SortedMap<String, String> dimensions) {}

  /** The statistics of the latest datum of a series. */
  public record Stats(double sampleCount, double sum, double minimum, double maximum, String unit,
      long timestampMillis) {}

  private final Map<Series, Stats> latest = new ConcurrentHashMap<>();
  private volatile long dropped;

  /** Records a datum's statistics as the series' latest. */
  public void put(Series series, Stats stats) {
    if (latest.size() >= MAX_SERIES && !latest.containsKey(series)) {
      synchronized (this) {
        dropped++;
      }
      return;
    }
    latest.put(series, stats);
  }

  /** The latest statistics of a series, or null. */
  public Stats get(Series series) {
    return latest.get(series);
  }

  /** Every series with its latest statistics, ordered by metric name, namespace, then dimensions. */
  public List<Map.Entry<Series, Stats>> snapshot() {
    List<Map.Entry<Series, Stats>> out = new ArrayList<>(latest.entrySet());
    out.sort(Comparator.<Map.Entry<Series, Stats>, String>comparing(e -> e.getKey().metricName())
        .thenComparing(e -> e.getKey().namespace())
        .thenComparing(e -> e.getKey().dimensions().toString()));
    return out;
  }

  /** Data points refused because the store was full. */
  public long dropped() {
    return dropped;
  }
}
