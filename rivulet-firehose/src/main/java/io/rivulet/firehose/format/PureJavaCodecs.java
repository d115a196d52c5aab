package io.rivulet.firehose.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop's codec classes (which would pull in Hadoop's
 * configuration files and native-library loader): GZIP through {@code java.util.zip}, SNAPPY as
 * raw Snappy blocks through snappy-java, UNCOMPRESSED as is. These are the bytes Parquet's own
 * Hadoop codecs write and read. Write-only; stateless and thread-safe.
 */
final class PureJavaCodecs implements CompressionCodecFactory {
  static final PureJavaCodecs INSTANCE = new PureJavaCodecs();

  private PureJavaCodecs() {}

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return switch (codec) {
      case UNCOMPRESSED, GZIP, SNAPPY -> new Compressor(codec);
      default -> throw new IllegalArgumentException("No " + codec + " compression here.");
    };
  }

  /** Not used: the converter only writes. */
  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("Rivulet writes Parquet; it does not read it.");
  }

  @Override
  public void release() {}

  private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {
    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      switch (codec) {
        case GZIP: {
          ByteArrayOutputStream out = new ByteArrayOutputStream((int) (bytes.size() / 2 + 64));
          try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            bytes.writeAllTo(gzip);
          }
          return BytesInput.from(out.toByteArray());
        }
        case SNAPPY: {
          ByteArrayOutputStream raw = new ByteArrayOutputStream((int) bytes.size());
          bytes.writeAllTo(raw);
          return BytesInput.from(Snappy.compress(raw.toByteArray()));
        }
        default:
          return bytes;
      }
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {}
  }
}
