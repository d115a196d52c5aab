package io.rivulet.firehose.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.pipeline.RecordFormatConverter;
import io.rivulet.firehose.pipeline.RecordFormatConverter.Converted;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.OrcProto;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.impl.OrcIndex;
import org.apache.orc.impl.RecordReaderImpl;
import org.apache.orc.storage.ql.exec.vector.BytesColumnVector;
import org.apache.orc.storage.ql.exec.vector.DecimalColumnVector;
import org.apache.orc.storage.ql.exec.vector.DoubleColumnVector;
import org.apache.orc.storage.ql.exec.vector.ListColumnVector;
import org.apache.orc.storage.ql.exec.vector.LongColumnVector;
import org.apache.orc.storage.ql.exec.vector.MapColumnVector;
import org.apache.orc.storage.ql.exec.vector.StructColumnVector;
import org.apache.orc.storage.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON to ORC, read back with ORC's own reader. */
class OrcConversionTest {
  @TempDir
  java.nio.file.Path dir;

  @Test
  void convertsEveryTypeIncludingNestedAndNulls() throws Exception {
    RecordFormatConverter converter =
        FormatConverters.from(Fixtures.orc(Map.of()), Fixtures.catalog());
    Converted out = converter.convert(Fixtures.records(Fixtures.FULL, Fixtures.SPARSE,
        Fixtures.NOT_JSON, Fixtures.TWO_ROWS, Fixtures.WRONG_TYPE));

    assertThat(converter.fileExtension()).isEqualTo(".orc");
    assertThat(out.recordCount()).isEqualTo(3);
    assertThat(out.failed()).extracting(f -> f.errorCode())
        .containsExactly(ConversionException.PARSE_ERROR, ConversionException.MALFORMED_DATA);
    Reader reader = reader(out.file());
    assertThat(reader.getNumberOfRows()).isEqualTo(4);
    assertThat(reader.getSchema().toString()).isEqualTo("struct<id:int,name:string,big:bigint,"
        + "small:smallint,tiny:tinyint,price:decimal(10,2),ratio:double,score:float,"
        + "active:boolean,day:date,ts:timestamp,blob:binary,tags:array<string>,"
        + "attrs:map<string,int>,address:struct<street:string,zip:int,"
        + "geo:struct<lat:double,lon:double>>,events:array<struct<kind:string,at:timestamp>>,"
        + "code:varchar(3)>");

    VectorizedRowBatch batch = reader.getSchema().createRowBatch();
    try (RecordReader rows = reader.rows()) {
      assertThat(rows.nextBatch(batch)).isTrue();
    }
    assertThat(batch.size).isEqualTo(4);
    assertThat(longs(batch, 0)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(string(batch.cols[1], 0)).isEqualTo("Ann");
    assertThat(batch.cols[1].isNull[1]).isTrue();
    assertThat(string(batch.cols[1], 3)).isEqualTo("y");
    assertThat(((LongColumnVector) batch.cols[2]).vector[0]).isEqualTo(9007199254740993L);
    assertThat(((LongColumnVector) batch.cols[3]).vector[0]).isEqualTo(-300);
    assertThat(((LongColumnVector) batch.cols[4]).vector[0]).isEqualTo(7);
    assertThat(((DecimalColumnVector) batch.cols[5]).vector[0].getHiveDecimal().bigDecimalValue())
        .isEqualByComparingTo(new BigDecimal("12.35"));
    assertThat(((DoubleColumnVector) batch.cols[6]).vector[0]).isEqualTo(0.5);
    assertThat(((DoubleColumnVector) batch.cols[7]).vector[0]).isEqualTo(1.25);
    assertThat(((LongColumnVector) batch.cols[8]).vector[0]).isEqualTo(1);
    assertThat(LocalDate.ofEpochDay(((LongColumnVector) batch.cols[9]).vector[0]))
        .isEqualTo("2024-02-29");
    assertThat(timestamp(batch.cols[10], 0)).isEqualTo("2024-02-29T12:34:56.789");
    assertThat(bytes(batch.cols[11], 0)).containsExactly(0, 1, 2);

    ListColumnVector tags = (ListColumnVector) batch.cols[12];
    assertThat(tags.lengths[0]).isEqualTo(3);
    assertThat(string(tags.child, (int) tags.offsets[0])).isEqualTo("a");
    assertThat(tags.child.isNull[(int) tags.offsets[0] + 1]).isTrue();
    assertThat(tags.lengths[1]).isZero();
    assertThat(tags.isNull[2]).isTrue();

    MapColumnVector attrs = (MapColumnVector) batch.cols[13];
    assertThat(attrs.lengths[0]).isEqualTo(2);
    assertThat(string(attrs.keys, 0)).isEqualTo("x");
    assertThat(((LongColumnVector) attrs.values).vector[0]).isEqualTo(1);
    assertThat(attrs.values.isNull[1]).isTrue();

    StructColumnVector address = (StructColumnVector) batch.cols[14];
    assertThat(string(address.fields[0], 0)).isEqualTo("Main");
    assertThat(((LongColumnVector) address.fields[1]).vector[0]).isEqualTo(12345);
    StructColumnVector geo = (StructColumnVector) address.fields[2];
    assertThat(((DoubleColumnVector) geo.fields[1]).vector[0]).isEqualTo(-2.25);
    assertThat(address.isNull[1]).isTrue();

    ListColumnVector events = (ListColumnVector) batch.cols[15];
    assertThat(events.lengths[0]).isEqualTo(2);
    StructColumnVector event = (StructColumnVector) events.child;
    assertThat(string(event.fields[0], 0)).isEqualTo("k");
    assertThat(timestamp(event.fields[1], 0)).isEqualTo("2024-01-01T00:00:00");
    assertThat(event.isNull[1]).isTrue();
    assertThat(string(batch.cols[16], 0)).isEqualTo("ABC");
  }

  @Test
  void compressionIsWhatTheSerDeSays() throws Exception {
    for (String codec : List.of("NONE", "ZLIB", "SNAPPY")) {
      Reader reader = reader(convert(Map.of("Compression", codec), 300).file());
      assertThat(reader.getCompressionKind()).isEqualTo(CompressionKind.valueOf(codec));
      assertThat(reader.getNumberOfRows()).isEqualTo(300);
      VectorizedRowBatch batch = reader.getSchema().createRowBatch(1000);
      try (RecordReader rows = reader.rows()) {
        rows.nextBatch(batch);
      }
      assertThat(string(batch.cols[1], 299)).isEqualTo("name-299");
    }
    assertThat(reader(convert(Map.of(), 1).file()).getCompressionKind())
        .isEqualTo(CompressionKind.SNAPPY);
  }

  @Test
  void writerOptionsReachTheFile() throws Exception {
    Reader defaults = reader(convert(Map.of(), 10).file());
    Reader tuned = reader(convert(Map.of("RowIndexStride", 1000, "StripeSizeBytes", 8 << 20,
        "BloomFilterColumns", List.of("NAME", "nothere"),
        "BloomFilterFalsePositiveProbability", 0.01), 3000).file());
    Reader old = reader(convert(Map.of("FormatVersion", "V0_11",
        "BloomFilterColumns", List.of("name")), 10).file());

    assertThat(defaults.getFileVersion()).isEqualTo(OrcFile.Version.V_0_12);
    assertThat(defaults.getRowIndexStride()).isEqualTo(10_000);
    assertThat(tuned.getRowIndexStride()).isEqualTo(1000);
    assertThat(bloomFilterEntries(tuned, 2)).isEqualTo(3); // "name" is column 2: 3 row groups
    assertThat(bloomFilterEntries(tuned, 1)).isZero();
    assertThat(bloomFilterEntries(defaults, 2)).isZero();
    assertThat(old.getFileVersion()).isEqualTo(OrcFile.Version.V_0_11);
    assertThat(bloomFilterEntries(old, 2)).isZero(); // ORC 0.11 files have no bloom filters
  }

  @Test
  void dictionaryKeyThresholdZeroTurnsDictionaryEncodingOff() throws Exception {
    Reader dictionary = reader(convert(Map.of("DictionaryKeyThreshold", 1.0), 500).file());
    Reader direct = reader(convert(Map.of("DictionaryKeyThreshold", 0.0), 500).file());

    assertThat(encoding(dictionary, 2)).isEqualTo(OrcProto.ColumnEncoding.Kind.DICTIONARY_V2);
    assertThat(encoding(direct, 2)).isEqualTo(OrcProto.ColumnEncoding.Kind.DIRECT_V2);
  }

  private static Converted convert(Map<String, Object> options, int rows) throws Exception {
    String[] json = new String[rows];
    for (int i = 0; i < rows; i++) {
      json[i] = "{\"id\":" + i + ",\"name\":\"name-" + i + "\"}";
    }
    return FormatConverters.from(Fixtures.orc(options), Fixtures.catalog())
        .convert(Fixtures.records(json));
  }

  private Reader reader(byte[] bytes) throws IOException {
    java.nio.file.Path file = Files.createTempFile(dir, "converted", ".orc");
    Files.write(file, bytes);
    Configuration conf = new Configuration();
    RawLocalFileSystem fs = new RawLocalFileSystem();
    fs.initialize(URI.create("file:///"), conf);
    return OrcFile.createReader(new org.apache.hadoop.fs.Path(file.toUri()),
        OrcFile.readerOptions(conf).filesystem(fs).useUTCTimestamp(true));
  }

  /** Bloom filter entries of a column: one per row group, per the row index. */
  private static int bloomFilterEntries(Reader reader, int column) throws IOException {
    boolean[] include = new boolean[reader.getSchema().getMaximumId() + 1];
    include[column] = true;
    try (RecordReaderImpl rows = (RecordReaderImpl) reader.rows()) {
      OrcIndex index = rows.readRowIndex(0, include, include);
      OrcProto.BloomFilterIndex bloom = index.getBloomFilterIndex()[column];
      return bloom == null ? 0 : bloom.getBloomFilterCount();
    }
  }

  private static OrcProto.ColumnEncoding.Kind encoding(Reader reader, int column)
      throws IOException {
    try (RecordReaderImpl rows = (RecordReaderImpl) reader.rows()) {
      return rows.readStripeFooter(reader.getStripes().get(0)).getColumns(column).getKind();
    }
  }

  private static long[] longs(VectorizedRowBatch batch, int column) {
    return java.util.Arrays.copyOf(((LongColumnVector) batch.cols[column]).vector, batch.size);
  }

  private static String string(Object vector, int row) {
    return new String(bytes(vector, row), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Object vector, int row) {
    BytesColumnVector v = (BytesColumnVector) vector;
    return java.util.Arrays.copyOfRange(v.vector[row], v.start[row], v.start[row] + v.length[row]);
  }

  private static LocalDateTime timestamp(Object vector, int row) {
    TimestampColumnVector v = (TimestampColumnVector) vector;
    return LocalDateTime.ofEpochSecond(Math.floorDiv(v.time[row], 1000), v.nanos[row],
        ZoneOffset.UTC);
  }
}
