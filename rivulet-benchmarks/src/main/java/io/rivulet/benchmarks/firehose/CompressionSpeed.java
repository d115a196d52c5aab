package io.rivulet.benchmarks.firehose;

import io.rivulet.firehose.s3.Compression;
import java.io.ByteArrayOutputStream;

/**
 * How fast one core of this machine compresses the benchmark's records with the server's own
 * compressor ({@link Compression}, as the S3 destination uses it), measured in the load
 * generator's JVM before the run: the single-threaded ceiling of a delivery stream's compression.
 * Stateless; thread-safe.
 */
final class CompressionSpeed {
  /** Uncompressed MB/s through the compressor, and how many times smaller its output is. */
  record Result(double megabytesPerSecond, double ratio) {}

  private CompressionSpeed() {}

  /**
   * Compresses 5 MiB objects of records for about {@code seconds} (after one warm-up object);
   * NaN MB/s for UNCOMPRESSED.
   */
  static Result measure(BenchRecords records, String compression, double seconds) {
    Compression c = Compression.fromWire(compression);
    if (c == Compression.UNCOMPRESSED) {
      return new Result(Double.NaN, 1);
    }
    ByteArrayOutputStream object = new ByteArrayOutputStream();
    for (long seq = 0; object.size() < 5 * 1024 * 1024; seq++) {
      object.writeBytes(records.encode(seq, 1_764_115_200_000L + seq));
    }
    byte[] data = object.toByteArray();
    int size = c.compress(data, "warm-up", 0).length;
    long t0 = System.nanoTime();
    long deadline = t0 + (long) (seconds * 1e9);
    int n = 0;
    do {
      size = c.compress(data, "measured", 0).length;
      n++;
    } while (System.nanoTime() < deadline);
    double elapsed = (System.nanoTime() - t0) / 1e9;
    return new Result(n * (double) data.length / FirehoseBench.MB / elapsed,
        data.length / (double) size);
  }
}
