package io.rivulet.benchmarks.load;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What one phase measured: records and payload bytes moved in {@code elapsedNanos}, the latency of
 * every call (microseconds), and CPU time used by the server and by this load generator. Immutable.
 */
public record PhaseResult(String phase, long records, long payloadBytes, long calls, long errors,
    long failedRecords, long elapsedNanos, Histogram latencyMicros, long serverCpuNanos,
    long clientCpuNanos) {

  private static final double MB = 1024.0 * 1024.0;

  public double seconds() {
    return elapsedNanos / 1e9;
  }

  public double recordsPerSecond() {
    return records / seconds();
  }

  /** Payload MB/s, with MB = 2^20 bytes as Kafka's perf tools count it. */
  public double megabytesPerSecond() {
    return payloadBytes / MB / seconds();
  }

  /** Server CPU microseconds per record, or -1 when no server process was measured. */
  public double serverCpuMicrosPerRecord() {
    return serverCpuNanos < 0 || records == 0 ? -1 : serverCpuNanos / 1e3 / records;
  }

  public double clientCpuMicrosPerRecord() {
    return records == 0 ? -1 : clientCpuNanos / 1e3 / records;
  }

  private double ms(double percentile) {
    return latencyMicros.getValueAtPercentile(percentile) / 1e3;
  }

  /** A few human-readable lines. */
  public void print(PrintStream out) {
    out.printf(Locale.ROOT, "%s: %,d records in %.1f s, %,d calls (%d errors, %d failed records)%n",
        phase.toUpperCase(Locale.ROOT), records, seconds(), calls, errors, failedRecords);
    out.printf(Locale.ROOT, "  %,.0f records/s  %.2f MB/s%n", recordsPerSecond(), megabytesPerSecond());
    out.printf(Locale.ROOT, "  call latency ms: p50 %.2f  p99 %.2f  p999 %.2f  max %.2f%n",
        ms(50), ms(99), ms(99.9), latencyMicros.getMaxValue() / 1e3);
    if (serverCpuNanos >= 0) {
      out.printf(Locale.ROOT, "  server CPU: %.2f us/record (%.2f cores busy)%n",
          serverCpuMicrosPerRecord(), serverCpuNanos / (double) elapsedNanos);
    } else {
      out.println("  server CPU: not measured (no --server-pid and none found listening on the port)");
    }
    out.printf(Locale.ROOT, "  load generator CPU: %.2f us/record (%.2f cores busy)%n",
        clientCpuMicrosPerRecord(), clientCpuNanos / (double) elapsedNanos);
  }

  /** One JSON object on one line, for scripts. */
  public String json() {
    return String.format(Locale.ROOT,
        "{\"phase\":\"%s\",\"records\":%d,\"payloadBytes\":%d,\"calls\":%d,\"errors\":%d,"
            + "\"failedRecords\":%d,\"seconds\":%.3f,\"recordsPerSec\":%.1f,\"mbPerSec\":%.3f,"
            + "\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,"
            + "\"serverCpuUsPerRecord\":%.3f,\"clientCpuUsPerRecord\":%.3f}",
        phase, records, payloadBytes, calls, errors, failedRecords, seconds(), recordsPerSecond(),
        megabytesPerSecond(), ms(50), ms(99), ms(99.9), latencyMicros.getMaxValue() / 1e3,
        serverCpuMicrosPerRecord(), clientCpuMicrosPerRecord());
  }
}
