package io.rivulet.firehose.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Firehose's {@code ParquetSerDe}: rows to one Parquet file in memory, through parquet-mr's own
 * {@link ParquetWriter} (no Hadoop FileSystem, no Hadoop codecs). Immutable and thread-safe.
 *
 * <p>Options, with AWS's defaults: {@code Compression} SNAPPY (UNCOMPRESSED, GZIP, SNAPPY);
 * {@code BlockSizeBytes} 256 MiB (the row-group size, and the block size padding aligns to);
 * {@code PageSizeBytes} 1 MiB; {@code EnableDictionaryCompression} true; {@code MaxPaddingBytes}
 * 0; {@code WriterVersion} V1 (V1 = Parquet 1.0 pages, V2 = Parquet 2.0 data pages).
 */
final class ParquetSerializer implements ColumnarSerializer {
  static final long DEFAULT_BLOCK_SIZE = 256L << 20;
  static final int DEFAULT_PAGE_SIZE = 1 << 20;

  private final CompressionCodecName compression;
  private final long blockSize;
  private final int pageSize;
  private final boolean dictionary;
  private final int maxPadding;
  private final WriterVersion writerVersion;

  private ParquetSerializer(CompressionCodecName compression, long blockSize, int pageSize,
      boolean dictionary, int maxPadding, WriterVersion writerVersion) {
    this.compression = compression;
    this.blockSize = blockSize;
    this.pageSize = pageSize;
    this.dictionary = dictionary;
    this.maxPadding = maxPadding;
    this.writerVersion = writerVersion;
  }

  /** From a {@code ParquetSerDe} structure (may be empty). */
  static ParquetSerializer from(Map<String, Object> serDe) {
    String compression = Config.choice(serDe, "Compression", "SNAPPY",
        "UNCOMPRESSED", "GZIP", "SNAPPY");
    String version = Config.choice(serDe, "WriterVersion", "V1", "V1", "V2");
    return new ParquetSerializer(CompressionCodecName.valueOf(compression),
        Config.number(serDe, "BlockSizeBytes", DEFAULT_BLOCK_SIZE),
        (int) Config.number(serDe, "PageSizeBytes", DEFAULT_PAGE_SIZE),
        Config.bool(serDe, "EnableDictionaryCompression", true),
        (int) Config.number(serDe, "MaxPaddingBytes", 0),
        version.equals("V2") ? WriterVersion.PARQUET_2_0 : WriterVersion.PARQUET_1_0);
  }

  @Override
  public String fileExtension() {
    return ".parquet";
  }

  @Override
  public Sink open(TableSchema schema) throws IOException {
    MemoryFile file = new MemoryFile(blockSize);
    ParquetWriter<Object[]> writer = new Builder(file, schema)
        .withConf(new PlainParquetConfiguration())
        .withCodecFactory(PureJavaCodecs.INSTANCE)
        .withCompressionCodec(compression)
        .withRowGroupSize(blockSize)
        .withPageSize(pageSize)
        .withDictionaryPageSize(pageSize)
        .withDictionaryEncoding(dictionary)
        .withMaxPaddingSize(maxPadding)
        .withWriterVersion(writerVersion)
        .withValidation(false)
        .build();
    return new Sink() {
      @Override
      public void write(Object[] row) throws IOException {
        writer.write(row);
      }

      @Override
      public byte[] finish() throws IOException {
        writer.close();
        return file.bytes.toByteArray();
      }
    };
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final TableSchema schema;

    Builder(OutputFile file, TableSchema schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
      return new RowWriteSupport(schema);
    }

    /** Required by the builder; not called, as the builder is given a ParquetConfiguration. */
    @Override
    @SuppressWarnings("deprecation")
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema);
    }
  }

  /** The file's bytes, growing in memory. */
  private static final class MemoryFile implements OutputFile {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long blockSize;

    MemoryFile(long blockSize) {
      this.blockSize = blockSize;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      bytes.reset();
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return bytes.size();
        }

        @Override
        public void write(int b) {
          bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes.write(b, off, len);
        }
      };
    }

    /** True, so that row groups are padded to {@code BlockSizeBytes} within MaxPaddingBytes. */
    @Override
    public boolean supportsBlockSize() {
      return true;
    }

    @Override
    public long defaultBlockSize() {
      return blockSize;
    }
  }

  /** Writes one row through Parquet's record consumer, per {@link ParquetSchemas}' layout. */
  private static final class RowWriteSupport extends WriteSupport<Object[]> {
    private final TableSchema schema;
    private final Map<HiveType.Decimal, Integer> decimalWidths = new HashMap<>();
    private RecordConsumer out;

    RowWriteSupport(TableSchema schema) {
      this.schema = schema;
    }

    /** Required by WriteSupport; the writer calls the ParquetConfiguration form. */
    @Override
    @SuppressWarnings("deprecation")
    public WriteContext init(Configuration configuration) {
      return new WriteContext(ParquetSchemas.message(schema), Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(ParquetSchemas.message(schema), Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      out.startMessage();
      fields(schema.row(), row);
      out.endMessage();
    }

    private void fields(HiveType.Struct type, Object[] values) {
      List<HiveType.Field> fields = type.fields();
      for (int i = 0; i < values.length; i++) {
        if (values[i] != null) {
          String name = fields.get(i).name();
          out.startField(name, i);
          value(fields.get(i).type(), values[i]);
          out.endField(name, i);
        }
      }
    }

    private void value(HiveType type, Object v) {
      if (type instanceof HiveType.Struct s) {
        out.startGroup();
        fields(s, (Object[]) v);
        out.endGroup();
      } else if (type instanceof HiveType.ListOf l) {
        list(l, (List<?>) v);
      } else if (type instanceof HiveType.MapOf m) {
        map(m, (Map<?, ?>) v);
      } else if (type instanceof HiveType.Decimal d) {
        int width = decimalWidths.computeIfAbsent(d,
            k -> ParquetSchemas.decimalBytes(k.precision()));
        out.addBinary(Binary.fromConstantByteArray(ParquetSchemas.decimal((BigDecimal) v, width)));
      } else if (type instanceof HiveType.Text) {
        out.addBinary(Binary.fromString((String) v));
      } else {
        primitive(((HiveType.Primitive) type).kind(), v);
      }
    }

    private void primitive(HiveType.Kind kind, Object v) {
      switch (kind) {
        case STRING -> out.addBinary(Binary.fromString((String) v));
        case BINARY -> out.addBinary(Binary.fromConstantByteArray((byte[]) v));
        case TINYINT, SMALLINT, INT -> out.addInteger(((Number) v).intValue());
        case BIGINT -> out.addLong((Long) v);
        case FLOAT -> out.addFloat((Float) v);
        case DOUBLE -> out.addDouble((Double) v);
        case BOOLEAN -> out.addBoolean((Boolean) v);
        case DATE -> out.addInteger((int) ((LocalDate) v).toEpochDay());
        case TIMESTAMP -> out.addBinary(
            Binary.fromConstantByteArray(ParquetSchemas.int96((LocalDateTime) v)));
      }
    }

    private void list(HiveType.ListOf type, List<?> elements) {
      out.startGroup();
      if (!elements.isEmpty()) {
        out.startField("list", 0);
        for (Object element : elements) {
          out.startGroup();
          if (element != null) {
            out.startField("element", 0);
            value(type.element(), element);
            out.endField("element", 0);
          }
          out.endGroup();
        }
        out.endField("list", 0);
      }
      out.endGroup();
    }

    private void map(HiveType.MapOf type, Map<?, ?> entries) {
      out.startGroup();
      if (!entries.isEmpty()) {
        out.startField("key_value", 0);
        for (Map.Entry<?, ?> e : entries.entrySet()) {
          out.startGroup();
          out.startField("key", 0);
          value(type.key(), e.getKey());
          out.endField("key", 0);
          if (e.getValue() != null) {
            out.startField("value", 1);
            value(type.value(), e.getValue());
            out.endField("value", 1);
          }
          out.endGroup();
        }
        out.endField("key_value", 0);
      }
      out.endGroup();
    }
  }
}
