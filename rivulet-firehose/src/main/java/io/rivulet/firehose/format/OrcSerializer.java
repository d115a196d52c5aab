package io.rivulet.firehose.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcConf;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.orc.impl.MemoryManagerImpl;
import org.apache.orc.impl.PhysicalFsWriter;
import org.apache.orc.impl.WriterImpl;
import org.apache.orc.impl.writer.WriterEncryptionVariant;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;

/**
 * Firehose's {@code OrcSerDe}: rows to one ORC file in memory, through ORC's own writer given a
 * stream instead of a Hadoop FileSystem. Timestamps are written in UTC. Immutable and
 * thread-safe.
 *
 * <p>Options, with AWS's defaults: {@code Compression} SNAPPY (NONE, ZLIB, SNAPPY);
 * {@code StripeSizeBytes} 64 MiB; {@code BlockSizeBytes} 256 MiB; {@code RowIndexStride} 10,000;
 * {@code EnablePadding} false; {@code PaddingTolerance} 0.05; {@code BloomFilterColumns} none
 * (names of top-level columns; others are ignored); {@code BloomFilterFalsePositiveProbability}
 * 0.05; {@code DictionaryKeyThreshold} ORC's 0.8; {@code FormatVersion} V0_12.
 */
final class OrcSerializer implements ColumnarSerializer {
  static final long DEFAULT_STRIPE_SIZE = 64L << 20;
  static final long DEFAULT_BLOCK_SIZE = 256L << 20;
  private static final AtomicLong FILES = new AtomicLong();

  private final CompressionKind compression;
  private final long stripeSize;
  private final long blockSize;
  private final int rowIndexStride;
  private final boolean padding;
  private final double paddingTolerance;
  private final List<String> bloomFilterColumns;
  private final double bloomFilterFpp;
  private final Double dictionaryKeyThreshold;
  private final OrcFile.Version version;

  private OrcSerializer(Map<String, Object> serDe) {
    this.compression = CompressionKind.valueOf(
        Config.choice(serDe, "Compression", "SNAPPY", "NONE", "ZLIB", "SNAPPY"));
    this.stripeSize = Config.number(serDe, "StripeSizeBytes", DEFAULT_STRIPE_SIZE);
    this.blockSize = Config.number(serDe, "BlockSizeBytes", DEFAULT_BLOCK_SIZE);
    this.rowIndexStride = (int) Config.number(serDe, "RowIndexStride", 10_000);
    this.padding = Config.bool(serDe, "EnablePadding", false);
    this.paddingTolerance = Config.fraction(serDe, "PaddingTolerance", 0.05);
    List<String> bloom = Config.strings(serDe, "BloomFilterColumns");
    this.bloomFilterColumns = bloom == null ? List.of() : List.copyOf(bloom);
    this.bloomFilterFpp = Config.fraction(serDe, "BloomFilterFalsePositiveProbability", 0.05);
    this.dictionaryKeyThreshold = serDe == null || serDe.get("DictionaryKeyThreshold") == null
        ? null : Config.fraction(serDe, "DictionaryKeyThreshold", 0);
    this.version = Config.choice(serDe, "FormatVersion", "V0_12", "V0_11", "V0_12")
        .equals("V0_11") ? OrcFile.Version.V_0_11 : OrcFile.Version.V_0_12;
  }

  /** From an {@code OrcSerDe} structure (may be empty). */
  static OrcSerializer from(Map<String, Object> serDe) {
    return new OrcSerializer(serDe);
  }

  @Override
  public String fileExtension() {
    return ".orc";
  }

  @Override
  public Sink open(TableSchema schema) throws IOException {
    Configuration conf = new Configuration(false);
    if (dictionaryKeyThreshold != null) {
      OrcConf.DICTIONARY_KEY_SIZE_THRESHOLD.setDouble(conf, dictionaryKeyThreshold);
    }
    TypeDescription type = OrcVectors.type(schema.row());
    OrcFile.WriterOptions options = OrcFile.writerOptions(conf)
        .setSchema(type)
        .compress(compression)
        .stripeSize(stripeSize)
        .blockSize(blockSize)
        .rowIndexStride(rowIndexStride)
        .blockPadding(padding)
        .paddingTolerance(paddingTolerance)
        .bloomFilterFpp(bloomFilterFpp)
        .version(version)
        .useUTCTimestamp(true)
        .memory(new MemoryManagerImpl(Math.max(stripeSize, 1L << 20)));
    String bloom = bloomColumns(schema);
    if (!bloom.isEmpty()) {
      options.bloomFilterColumns(bloom);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FSDataOutputStream stream = new FSDataOutputStream(bytes, null);
    options.physicalWriter(new PhysicalFsWriter(stream, options, new WriterEncryptionVariant[0]));
    // The path only names the writer to its memory manager; nothing is opened there.
    Writer writer = new WriterImpl(null,
        new Path("memory:/rivulet-" + FILES.incrementAndGet() + ".orc"), options);
    VectorizedRowBatch batch = type.createRowBatch();
    return new Sink() {
      @Override
      public void write(Object[] row) throws IOException {
        OrcVectors.set(batch, batch.size++, schema.row(), row);
        if (batch.size == batch.getMaxSize()) {
          writer.addRowBatch(batch);
          batch.reset();
        }
      }

      @Override
      public byte[] finish() throws IOException {
        if (batch.size > 0) {
          writer.addRowBatch(batch);
          batch.reset();
        }
        writer.close();
        return bytes.toByteArray();
      }
    };
  }

  private String bloomColumns(TableSchema schema) {
    List<String> names = new ArrayList<>();
    for (String c : bloomFilterColumns) {
      String lower = c.toLowerCase(Locale.ROOT);
      if (schema.columns().stream().anyMatch(f -> f.name().equals(lower))) {
        names.add(lower);
      }
    }
    return String.join(",", names);
  }
}
