package io.rivulet.firehose.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Firehose's {@code CompressionFormat}s for S3 objects, each with the key extension and the
 * {@code Content-Encoding} Firehose gives the object. Stateless and thread-safe.
 *
 * <p>GZIP and ZIP deflate at level 1 ({@link #DEFLATE_LEVEL}). Firehose does not document its
 * level; Rivulet picks the fastest because one delivery thread compresses each delivery stream's
 * output and must keep up with its ingest: on the 2-core benchmark machine level 1 deflates log-like
 * JSON at about 150 MB/s with a ratio of 3.7, where the JDK's default level 6 managed 12-18 MB/s
 * with a ratio of 5.0 (see docs/benchmarks.md, "Firehose").
 *
 * <p>What each writes (as the service delivers it, which differs from the developer guide's
 * extension table in one place):
 * <ul>
 *   <li>{@code GZIP}: one gzip member ({@code .gz}); the header's mtime is 0, so the same input
 *       always compresses to the same bytes.</li>
 *   <li>{@code ZIP}: a zip archive with one deflated entry ({@code .zip}); the entry's name and
 *       time are given by the caller so that a redelivery writes identical bytes.</li>
 *   <li>{@code Snappy}: snappy-java's stream format ({@code 0x82 "SNAPPY" 0x00} header, then
 *       length-prefixed blocks), {@code .snappy}, {@code Content-Encoding: snappy-java}. This is
 *       not the official Snappy framing format: objects Firehose delivers decode with
 *       {@code SnappyInputStream} and not with a framing-format reader.</li>
 *   <li>{@code HADOOP_SNAPPY}: Hadoop's block framing (per frame: 4-byte big-endian
 *       uncompressed length, then blocks of 4-byte big-endian compressed length + raw Snappy),
 *       which Hadoop/Spark/Athena's {@code SnappyCodec} reads. The developer guide tables
 *       {@code .hsnappy}, but the service names these objects {@code .snappy} and tells them
 *       apart by {@code Content-Encoding: hadoop-snappy}; Rivulet follows the service.</li>
 * </ul>
 */
public enum Compression {
  UNCOMPRESSED("UNCOMPRESSED", "", null),
  GZIP("GZIP", ".gz", "gzip"),
  ZIP("ZIP", ".zip", "zip"),
  SNAPPY("Snappy", ".snappy", "snappy-java"),
  HADOOP_SNAPPY("HADOOP_SNAPPY", ".snappy", "hadoop-snappy");

  /** The deflate level of GZIP and ZIP output (1: fastest). */
  public static final int DEFLATE_LEVEL = Deflater.BEST_SPEED;

  private final String wireName;
  private final String extension;
  private final String contentEncoding;

  Compression(String wireName, String extension, String contentEncoding) {
    this.wireName = wireName;
    this.extension = extension;
    this.contentEncoding = contentEncoding;
  }

  /** The value as the API carries it ({@code Snappy} is mixed case, the others upper case). */
  public String wireName() {
    return wireName;
  }

  /** The key extension Firehose appends ("" for UNCOMPRESSED). */
  public String extension() {
    return extension;
  }

  /** The object's {@code Content-Encoding}, or null for UNCOMPRESSED. */
  public String contentEncoding() {
    return contentEncoding;
  }

  /** The format named {@code value} exactly as the API spells it; null or absent is UNCOMPRESSED. */
  public static Compression fromWire(String value) {
    if (value == null) {
      return UNCOMPRESSED;
    }
    for (Compression c : values()) {
      if (c.wireName.equals(value)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown CompressionFormat " + value);
  }

  /**
   * Compresses {@code data}. {@code entryName} and {@code entryTimeMillis} name and date the ZIP
   * format's single entry (ignored by the others).
   */
  public byte[] compress(byte[] data, String entryName, long entryTimeMillis) {
    if (this == UNCOMPRESSED) {
      return data;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 3));
    try {
      switch (this) {
        case GZIP -> write(new FastGzipOutputStream(out), data);
        case ZIP -> zip(out, data, entryName, entryTimeMillis);
        case SNAPPY -> write(new SnappyOutputStream(out), data);
        case HADOOP_SNAPPY -> write(new SnappyHadoopCompatibleOutputStream(out), data);
        default -> throw new AssertionError(this);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("compressing " + data.length + " bytes as " + wireName, e);
    }
    return out.toByteArray();
  }

  private static void write(OutputStream compressor, byte[] data) throws IOException {
    try (compressor) {
      compressor.write(data);
    }
  }

  private static void zip(OutputStream out, byte[] data, String entryName, long timeMillis)
      throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(DEFLATE_LEVEL);
      ZipEntry entry = new ZipEntry(entryName);
      entry.setTime(timeMillis);
      zip.putNextEntry(entry);
      zip.write(data);
      zip.closeEntry();
    }
  }

  /** A gzip stream deflating at {@link #DEFLATE_LEVEL}. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(DEFLATE_LEVEL);
    }
  }
}
