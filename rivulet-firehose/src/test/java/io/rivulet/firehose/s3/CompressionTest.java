package io.rivulet.firehose.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyInputStream;

/** Each codec's output read back by a reader that does not share the writer's code. */
class CompressionTest {
  static final long TIME = 1_700_000_000_000L;

  /** JSON-ish lines, compressible, and bigger than one Snappy block (32 KiB) and one frame. */
  static byte[] sample() {
    StringBuilder b = new StringBuilder();
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      b.append("{\"id\":").append(i).append(",\"v\":\"").append(Long.toHexString(random.nextLong()))
          .append("\"}\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void gzipReadsBackWithTheJdksReader() throws IOException {
    byte[] data = sample();
    byte[] gz = Compression.GZIP.compress(data, "ignored", TIME);
    assertThat(gz.length).isLessThan(data.length);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  @Test
  void zipHoldsOneEntryWithTheGivenNameAndTime() throws IOException {
    byte[] data = sample();
    byte[] zip = Compression.ZIP.compress(data, "entry-name", TIME);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry = in.getNextEntry();
      assertThat(entry.getName()).isEqualTo("entry-name");
      assertThat(entry.getTime() / 2000).isEqualTo(TIME / 2000); // DOS time has 2 s resolution
      assertThat(in.readAllBytes()).isEqualTo(data);
      assertThat(in.getNextEntry()).isNull();
    }
  }

  @Test
  void snappyIsSnappyJavasStreamFormatNotTheFramingFormat() throws IOException {
    byte[] data = sample();
    byte[] snappy = Compression.SNAPPY.compress(data, "ignored", TIME);
    assertThat(snappy[0]).isEqualTo((byte) 0x82);
    assertThat(new String(snappy, 1, 6, StandardCharsets.US_ASCII)).isEqualTo("SNAPPY");
    try (SnappyInputStream in = new SnappyInputStream(new ByteArrayInputStream(snappy))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThatThrownBy(() -> new SnappyFramedInputStream(new ByteArrayInputStream(snappy)).readAllBytes())
        .isInstanceOf(IOException.class);
  }

  @Test
  void hadoopSnappyIsHadoopsBlockFraming() throws IOException {
    byte[] data = sample();
    byte[] framed = Compression.HADOOP_SNAPPY.compress(data, "ignored", TIME);
    assertThat(readHadoopSnappy(framed)).isEqualTo(data);
  }

  /**
   * Hadoop's BlockDecompressorStream format, decoded by hand: frames of a 4-byte big-endian
   * uncompressed length followed by blocks (4-byte big-endian compressed length, raw Snappy)
   * until that many bytes came out.
   */
  static byte[] readHadoopSnappy(byte[] framed) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(framed));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (in.available() > 0) {
      int frameLength = in.readInt();
      int produced = 0;
      while (produced < frameLength) {
        byte[] block = new byte[in.readInt()];
        in.readFully(block);
        byte[] raw = Snappy.uncompress(block);
        out.write(raw);
        produced += raw.length;
      }
      assertThat(produced).isEqualTo(frameLength);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void sameInputSameBytesSoARedeliveryOverwritesIdentically(Compression c) {
    byte[] data = sample();
    assertThat(c.compress(data, "e", TIME)).isEqualTo(c.compress(data, "e", TIME));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void emptyInputRoundTrips(Compression c) throws IOException {
    byte[] out = c.compress(new byte[0], "e", TIME);
    byte[] back = decode(c, out);
    assertThat(back).isEmpty();
  }

  /** Decodes {@code bytes} written in format {@code c} with that format's independent reader. */
  static byte[] decode(Compression c, byte[] bytes) throws IOException {
    return switch (c) {
      case UNCOMPRESSED -> bytes;
      case GZIP -> new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
      case ZIP -> {
        ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes));
        zip.getNextEntry();
        yield zip.readAllBytes();
      }
      case SNAPPY -> new SnappyInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
      case HADOOP_SNAPPY -> readHadoopSnappy(bytes);
    };
  }

  @Test
  void wireNamesExtensionsAndEncodingsAreFirehoses() {
    assertThat(Compression.fromWire(null)).isEqualTo(Compression.UNCOMPRESSED);
    assertThat(Compression.fromWire("Snappy")).isEqualTo(Compression.SNAPPY);
    assertThatThrownBy(() -> Compression.fromWire("SNAPPY")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Compression.GZIP.extension()).isEqualTo(".gz");
    assertThat(Compression.ZIP.extension()).isEqualTo(".zip");
    assertThat(Compression.SNAPPY.extension()).isEqualTo(".snappy");
    assertThat(Compression.HADOOP_SNAPPY.extension()).isEqualTo(".snappy");
    assertThat(Compression.UNCOMPRESSED.extension()).isEmpty();
    assertThat(Compression.HADOOP_SNAPPY.contentEncoding()).isEqualTo("hadoop-snappy");
    assertThat(Compression.SNAPPY.contentEncoding()).isEqualTo("snappy-java");
  }
}
