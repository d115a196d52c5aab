package io.rivulet.firehose.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.pipeline.RecordFormatConverter;
import io.rivulet.firehose.pipeline.RecordFormatConverter.Converted;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON to Parquet, read back with parquet-mr's own reader (its Hadoop codecs decompress what
 * {@link PureJavaCodecs} compressed).
 */
class ParquetConversionTest {
  @TempDir
  Path dir;

  @Test
  void convertsEveryTypeIncludingNestedAndNulls() throws Exception {
    RecordFormatConverter converter =
        FormatConverters.from(Fixtures.parquet(Map.of()), Fixtures.catalog());
    Converted out = converter.convert(Fixtures.records(Fixtures.FULL, Fixtures.SPARSE,
        Fixtures.NOT_JSON, Fixtures.TWO_ROWS, Fixtures.WRONG_TYPE));

    assertThat(converter.fileExtension()).isEqualTo(".parquet");
    assertThat(out.recordCount()).isEqualTo(3);
    assertThat(out.failed()).extracting(f -> f.record().recordId(), f -> f.errorCode())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r2", ConversionException.PARSE_ERROR),
            org.assertj.core.groups.Tuple.tuple("r4", ConversionException.MALFORMED_DATA));
    List<Group> rows = read(out.file());
    assertThat(rows).hasSize(4);

    Group full = rows.get(0);
    assertThat(full.getInteger("id", 0)).isEqualTo(1);
    assertThat(full.getString("name", 0)).isEqualTo("Ann");
    assertThat(full.getLong("big", 0)).isEqualTo(9007199254740993L);
    assertThat(full.getInteger("small", 0)).isEqualTo(-300);
    assertThat(full.getInteger("tiny", 0)).isEqualTo(7);
    assertThat(new BigDecimal(new BigInteger(full.getBinary("price", 0).getBytes()), 2))
        .isEqualTo(new BigDecimal("12.35"));
    assertThat(full.getDouble("ratio", 0)).isEqualTo(0.5);
    assertThat(full.getFloat("score", 0)).isEqualTo(1.25f);
    assertThat(full.getBoolean("active", 0)).isTrue();
    assertThat(LocalDate.ofEpochDay(full.getInteger("day", 0))).isEqualTo("2024-02-29");
    assertThat(int96(full.getInt96("ts", 0).getBytes()))
        .isEqualTo(LocalDateTime.parse("2024-02-29T12:34:56.789"));
    assertThat(full.getBinary("blob", 0).getBytes()).containsExactly(0, 1, 2);
    assertThat(list(full.getGroup("tags", 0))).containsExactly("a", null, "c");
    Group attrs = full.getGroup("attrs", 0);
    assertThat(attrs.getFieldRepetitionCount("key_value")).isEqualTo(2);
    assertThat(attrs.getGroup("key_value", 0).getString("key", 0)).isEqualTo("x");
    assertThat(attrs.getGroup("key_value", 0).getInteger("value", 0)).isEqualTo(1);
    assertThat(attrs.getGroup("key_value", 1).getFieldRepetitionCount("value")).isZero();
    Group address = full.getGroup("address", 0);
    assertThat(address.getString("street", 0)).isEqualTo("Main");
    assertThat(address.getInteger("zip", 0)).isEqualTo(12345);
    assertThat(address.getGroup("geo", 0).getDouble("lon", 0)).isEqualTo(-2.25);
    Group events = full.getGroup("events", 0);
    assertThat(events.getFieldRepetitionCount("list")).isEqualTo(2);
    Group event = events.getGroup("list", 0).getGroup("element", 0);
    assertThat(event.getString("kind", 0)).isEqualTo("k");
    assertThat(int96(event.getInt96("at", 0).getBytes()))
        .isEqualTo(LocalDateTime.parse("2024-01-01T00:00:00"));
    assertThat(events.getGroup("list", 1).getFieldRepetitionCount("element")).isZero();
    assertThat(full.getString("code", 0)).isEqualTo("ABC");

    Group sparse = rows.get(1);
    assertThat(sparse.getInteger("id", 0)).isEqualTo(2);
    assertThat(sparse.getFieldRepetitionCount("name")).isZero();
    assertThat(sparse.getFieldRepetitionCount("address")).isZero();
    assertThat(sparse.getGroup("tags", 0).getFieldRepetitionCount("list")).isZero();
    assertThat(rows.get(2).getString("name", 0)).isEqualTo("x");
    assertThat(rows.get(3).getInteger("id", 0)).isEqualTo(4);
  }

  @Test
  void writesHiveTypesIntoTheFooterSchema() throws Exception {
    Converted out = FormatConverters.from(Fixtures.parquet(Map.of()), Fixtures.catalog())
        .convert(Fixtures.records(Fixtures.SPARSE));
    MessageType schema = footer(out.file()).getFileMetaData().getSchema();

    assertThat(names(schema)).containsExactly("id", "name", "big", "small", "tiny",
        "price", "ratio", "score", "active", "day", "ts", "blob", "tags", "attrs", "address",
        "events", "code");
    assertThat(schema.getType("ts").asPrimitiveType().getPrimitiveTypeName())
        .isEqualTo(PrimitiveTypeName.INT96);
    assertThat(schema.getType("price").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.decimalType(2, 10));
    assertThat(schema.getType("price").asPrimitiveType().getTypeLength()).isEqualTo(5);
    assertThat(schema.getType("tiny").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.intType(8, true));
    assertThat(schema.getType("day").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.dateType());
    assertThat(schema.getType("name").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.stringType());
    assertThat(schema.getType("tags").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.listType());
    assertThat(schema.getType("attrs").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.mapType());
    assertThat(names(schema.getType("address").asGroupType()))
        .containsExactly("street", "zip", "geo");
  }

  @Test
  void compressionIsWhatTheSerDeSays() throws Exception {
    for (String codec : List.of("UNCOMPRESSED", "GZIP", "SNAPPY")) {
      Converted out = convert(Map.of("Compression", codec), 200);
      for (ColumnChunkMetaData column : columns(out.file())) {
        assertThat(column.getCodec()).isEqualTo(CompressionCodecName.valueOf(codec));
      }
      assertThat(read(out.file())).hasSize(200);
    }
    // the default is SNAPPY
    assertThat(columns(convert(Map.of(), 10).file()).get(0).getCodec())
        .isEqualTo(CompressionCodecName.SNAPPY);
  }

  @Test
  void dictionaryEncodingFollowsEnableDictionaryCompression() throws Exception {
    ColumnChunkMetaData on = column(convert(Map.of(), 500).file(), "name");
    ColumnChunkMetaData off =
        column(convert(Map.of("EnableDictionaryCompression", false), 500).file(), "name");

    assertThat(on.hasDictionaryPage()).isTrue();
    assertThat(off.hasDictionaryPage()).isFalse();
    assertThat(on.getEncodingStats().hasDictionaryEncodedPages()).isTrue();
    assertThat(off.getEncodingStats().hasDictionaryEncodedPages()).isFalse();
  }

  @Test
  void writerVersionSelectsTheDataPageVersion() throws Exception {
    ColumnChunkMetaData v1 = column(convert(Map.of("WriterVersion", "V1"), 50).file(), "id");
    ColumnChunkMetaData v2 = column(convert(Map.of("WriterVersion", "V2"), 50).file(), "id");

    assertThat(v1.getEncodingStats().usesV2Pages()).isFalse();
    assertThat(v2.getEncodingStats().usesV2Pages()).isTrue();
  }

  @Test
  void smallPagesSplitAColumnIntoManyPages() throws Exception {
    Converted small = convert(Map.of("PageSizeBytes", 65_536,
        "EnableDictionaryCompression", false, "Compression", "UNCOMPRESSED"), 20_000);
    Converted large = convert(Map.of("EnableDictionaryCompression", false,
        "Compression", "UNCOMPRESSED"), 20_000);

    assertThat(pages(small.file(), "name")).isGreaterThan(pages(large.file(), "name"));
    assertThat(read(small.file())).hasSize(20_000);
  }

  private Converted convert(Map<String, Object> options, int rows) throws Exception {
    String[] json = new String[rows];
    for (int i = 0; i < rows; i++) {
      json[i] = "{\"id\":" + i + ",\"name\":\"name-" + (i % 7) + "-" + "x".repeat(20) + "\"}";
    }
    return FormatConverters.from(Fixtures.parquet(options), Fixtures.catalog())
        .convert(Fixtures.records(json));
  }

  private Path file(byte[] bytes) throws IOException {
    Path p = Files.createTempFile(dir, "converted", ".parquet");
    Files.write(p, bytes);
    return p;
  }

  private ParquetMetadata footer(byte[] bytes) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file(bytes)))) {
      return reader.getFooter();
    }
  }

  private List<ColumnChunkMetaData> columns(byte[] bytes) throws IOException {
    return footer(bytes).getBlocks().get(0).getColumns();
  }

  private ColumnChunkMetaData column(byte[] bytes, String name) throws IOException {
    return columns(bytes).stream().filter(c -> c.getPath().toDotString().equals(name))
        .findFirst().orElseThrow();
  }

  private int pages(byte[] bytes, String name) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file(bytes)))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      org.apache.parquet.column.ColumnDescriptor column =
          schema.getColumnDescription(new String[] {name});
      int pages = 0;
      org.apache.parquet.column.page.PageReadStore group;
      while ((group = reader.readNextRowGroup()) != null) {
        org.apache.parquet.column.page.PageReader pageReader = group.getPageReader(column);
        while (pageReader.readPage() != null) {
          pages++;
        }
      }
      return pages;
    }
  }

  /** Every row, through parquet-mr's example Group reader. */
  List<Group> read(byte[] bytes) throws IOException {
    List<Group> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = new GroupReader(new LocalInputFile(file(bytes))).build()) {
      Group g;
      while ((g = reader.read()) != null) {
        rows.add(g);
      }
    }
    return rows;
  }

  private static List<String> list(Group list) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.getFieldRepetitionCount("list"); i++) {
      Group element = list.getGroup("list", i);
      out.add(element.getFieldRepetitionCount("element") == 0 ? null
          : element.getString("element", 0));
    }
    return out;
  }

  private static List<String> names(org.apache.parquet.schema.GroupType group) {
    return group.getFields().stream().map(org.apache.parquet.schema.Type::getName).toList();
  }

  private static LocalDateTime int96(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = b.getLong();
    long julianDay = b.getInt();
    return LocalDate.ofEpochDay(julianDay - 2_440_588L).atStartOfDay().plusNanos(nanosOfDay);
  }

  private static final class GroupReader extends ParquetReader.Builder<Group> {
    GroupReader(InputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
