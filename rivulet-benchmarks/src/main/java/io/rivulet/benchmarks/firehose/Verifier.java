package io.rivulet.benchmarks.firehose;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads back everything delivered to the bucket once the run is over: every object is
 * downloaded, decompressed and split into benchmark records ({@link BenchRecords}); each record's
 * sequence number is checked off against the acknowledged ones (missing, duplicated and
 * unacknowledged records are counted), and each record sent inside the measured window gets a
 * delivery latency: when the server's delivered-records counter first passed the record's buffer
 * offset ({@link BufferOffsets}, {@link DeliveryTimeline#deliveredAt}) minus when it was sent.
 * Not thread-safe.
 */
final class Verifier {
  /** What the bucket held. */
  record Result(long objects, long compressedBytes, long uncompressedBytes, long records,
      long missing, long duplicates, long unacknowledged, Histogram latencyMillis,
      long recordsWithoutTime) {}

  private final S3Client s3;
  private final String bucket;
  private final String compression;
  private final int recordSize;

  Verifier(S3Client s3, String bucket, String compression, int recordSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.compression = compression;
    this.recordSize = recordSize;
  }

  /**
   * Checks the bucket against {@code acked}; latencies for records sent in
   * [fromMillis, untilMillis), from their {@code offsets} and the metrics {@code samples}.
   */
  Result verify(BitSet acked, BufferOffsets offsets, List<DeliveryTimeline.Sample> samples,
      long fromMillis, long untilMillis) {
    BitSet delivered = new BitSet();
    Histogram latency = new Histogram(3_600_000L, 3);
    long[] counts = new long[6]; // objects, compressed, uncompressed, records, duplicates, no time
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray();
      byte[] content = decompress(stored);
      counts[0]++;
      counts[1] += stored.length;
      counts[2] += content.length;
      BenchRecords.forEach(content, recordSize, r -> {
        counts[3]++;
        int seq = Math.toIntExact(r.seq());
        if (delivered.get(seq)) {
          counts[4]++;
        }
        delivered.set(seq);
        if (r.sentMillis() >= fromMillis && r.sentMillis() < untilMillis) {
          long offset = offsets.get(r.seq());
          long at = offset < 0 ? -1 : DeliveryTimeline.deliveredAt(samples, offset + 1);
          if (at < 0) {
            counts[5]++;
          } else {
            latency.recordValue(Math.max(0, Math.min(at - r.sentMillis(), 3_600_000L)));
          }
        }
      });
    }
    BitSet missing = (BitSet) acked.clone();
    missing.andNot(delivered);
    BitSet unacked = (BitSet) delivered.clone();
    unacked.andNot(acked);
    return new Result(counts[0], counts[1], counts[2], counts[3], missing.cardinality(),
        counts[4], unacked.cardinality(), latency, counts[5]);
  }

  private byte[] decompress(byte[] stored) {
    try {
      return switch (compression) {
        case "UNCOMPRESSED" -> stored;
        case "GZIP" -> readAll(new GZIPInputStream(new ByteArrayInputStream(stored), 65536));
        case "ZIP" -> {
          ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(stored));
          if (zip.getNextEntry() == null) {
            throw new IOException("an empty ZIP object");
          }
          yield readAll(zip);
        }
        default -> throw new IllegalArgumentException("cannot read " + compression + " objects");
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decompress an object of the bucket", e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
