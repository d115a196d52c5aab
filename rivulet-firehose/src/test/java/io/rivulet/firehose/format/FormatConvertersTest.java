package io.rivulet.firehose.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import io.rivulet.firehose.pipeline.RecordFormatConverter;
import io.rivulet.firehose.pipeline.RecordFormatConverter.Converted;
import io.rivulet.protocol.AwsException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatConvertersTest {

  @Test
  void conversionIsOnUnlessAbsentOrDisabled() {
    Map<String, Object> disabled = new HashMap<>(Fixtures.parquet(Map.of()));
    disabled.put("Enabled", false);
    Map<String, Object> enabled = new HashMap<>(Fixtures.parquet(Map.of()));
    enabled.put("Enabled", true);

    assertThat(FormatConverters.from(null, Fixtures.catalog())).isNull();
    assertThat(FormatConverters.from(disabled, Fixtures.catalog())).isNull();
    assertThat(FormatConverters.from(enabled, Fixtures.catalog())).isNotNull();
    assertThat(FormatConverters.from(Fixtures.parquet(Map.of()), Fixtures.catalog())).isNotNull();
    // a disabled configuration keeps its details without their checks
    Map<String, Object> incomplete = new HashMap<>();
    incomplete.put("Enabled", false);
    FormatConverters.validate(incomplete);
  }

  @Test
  void validateRefusesIncompleteOrContradictoryConfigurations() {
    Map<String, Object> noSchema = new HashMap<>(Fixtures.parquet(Map.of()));
    noSchema.remove("SchemaConfiguration");
    Map<String, Object> noRole = Fixtures.parquet(Map.of());
    ((Map<?, ?>) noRole.get("SchemaConfiguration")).remove("RoleARN");
    Map<String, Object> bothInputs = Fixtures.config(
        Map.of("OpenXJsonSerDe", Map.of(), "HiveJsonSerDe", Map.of()), "OrcSerDe", Map.of());
    Map<String, Object> noSerializer = new HashMap<>(Fixtures.parquet(Map.of()));
    noSerializer.put("OutputFormatConfiguration", Map.of("Serializer", Map.of()));
    Map<String, Object> badCodec = Fixtures.orc(Map.of("Compression", "LZ4"));
    Map<String, Object> badFormat = Fixtures.config(
        Map.of("HiveJsonSerDe", Map.of("TimestampFormats", List.of("yyyy-MM-dd {{"))),
        "ParquetSerDe", Map.of());

    assertInvalid(noSchema, "SchemaConfiguration is required");
    assertInvalid(noRole, "SchemaConfiguration.RoleARN is required");
    assertInvalid(bothInputs, "Deserializer must specify exactly one of OpenXJsonSerDe,"
        + " HiveJsonSerDe");
    assertInvalid(noSerializer, "Serializer must specify one of ParquetSerDe, OrcSerDe");
    assertInvalid(badCodec, "Compression must be one of NONE, ZLIB, SNAPPY");
    assertInvalid(badFormat, "TimestampFormats has a format that is not valid");
    FormatConverters.validate(Fixtures.orc(Map.of("Compression", "ZLIB")));
  }

  @Test
  void theS3DestinationMustLeaveCompressionToTheSerializerAndBufferAtLeast64MiB() {
    Map<String, Object> destination = new LinkedHashMap<>();
    destination.put("BucketARN", "arn:aws:s3:::bucket");
    destination.put("DataFormatConversionConfiguration", Fixtures.parquet(Map.of()));
    FormatConverters.validateS3Destination(destination);

    destination.put("CompressionFormat", "GZIP");
    assertThatThrownBy(() -> FormatConverters.validateS3Destination(destination))
        .isInstanceOf(AwsException.class).hasMessageContaining("CompressionFormat must be"
            + " UNCOMPRESSED");
    destination.put("CompressionFormat", "UNCOMPRESSED");
    destination.put("BufferingHints", Map.of("SizeInMBs", 5L, "IntervalInSeconds", 60L));
    assertThatThrownBy(() -> FormatConverters.validateS3Destination(destination))
        .isInstanceOf(AwsException.class).hasMessageContaining("SizeInMBs must be at least 64");
    destination.put("BufferingHints", Map.of("SizeInMBs", 64L));
    FormatConverters.validateS3Destination(destination);

    destination.put("BufferingHints", Map.of("SizeInMBs", 5L));
    destination.put("CompressionFormat", "GZIP");
    destination.remove("DataFormatConversionConfiguration");
    FormatConverters.validateS3Destination(destination);
  }

  @Test
  void anUnknownTableSendsEveryRecordToTheErrorOutputWithEntityNotFound() throws Exception {
    RecordFormatConverter converter =
        FormatConverters.from(Fixtures.orc(Map.of()), new InMemorySchemaCatalog());

    Converted out = converter.convert(Fixtures.records(Fixtures.FULL, Fixtures.SPARSE));

    assertThat(out.recordCount()).isZero();
    assertThat(out.file()).isEmpty();
    assertThat(out.failed()).hasSize(2).allSatisfy(f -> {
      assertThat(f.errorCode()).isEqualTo(ConversionException.ENTITY_NOT_FOUND);
      assertThat(f.errorMessage()).isEqualTo(ConversionException.ENTITY_NOT_FOUND_MESSAGE);
    });
  }

  @Test
  void aTypeTheCatalogGotWrongIsAnInvalidSchemaAndAFixedTableIsReadOnTheNextBatch()
      throws Exception {
    InMemorySchemaCatalog catalog = new InMemorySchemaCatalog().put(Fixtures.DATABASE,
        Fixtures.TABLE, List.of(new SchemaCatalog.Column("id", "integr")));
    RecordFormatConverter converter = FormatConverters.from(Fixtures.parquet(Map.of()), catalog);

    Converted broken = converter.convert(Fixtures.records("{\"id\":1}"));
    catalog.put(Fixtures.DATABASE, Fixtures.TABLE, List.of(new SchemaCatalog.Column("id", "int")));
    Converted fixed = converter.convert(Fixtures.records("{\"id\":1}"));

    assertThat(broken.failed()).singleElement().satisfies(f -> {
      assertThat(f.errorCode()).isEqualTo(ConversionException.INVALID_SCHEMA);
      assertThat(f.errorMessage()).contains("'id'").contains("integr");
    });
    assertThat(fixed.failed()).isEmpty();
    assertThat(fixed.recordCount()).isEqualTo(1);
    assertThat(fixed.file()).startsWith('P', 'A', 'R', '1');
  }

  @Test
  void errorOutputLinesAreFirehosesJsonWithTheCatalogTable() throws Exception {
    RecordFormatConverter converter = FormatConverters.from(Fixtures.parquet(Map.of()),
        Fixtures.catalog(), Fixtures.STREAM_ARN);
    FailedRecord failed = converter.convert(Fixtures.records(Fixtures.NOT_JSON)).failed().get(0);

    JsonNode line = new ObjectMapper().readTree(converter.errorOutputLine(failed, 1_700_000_099L));

    assertThat(fieldNames(line)).containsExactly("attemptsMade", "arrivalTimestamp",
        "lastErrorCode", "lastErrorMessage", "attemptEndingTimestamp", "rawData",
        "sequenceNumber", "subSequenceNumber", "dataCatalogTable");
    assertThat(line.get("sequenceNumber").isNull()).isTrue();
    assertThat(line.get("attemptsMade").asInt()).isEqualTo(1);
    assertThat(line.get("arrivalTimestamp").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(line.get("lastErrorCode").asText()).isEqualTo("DataFormatConversion.ParseError");
    assertThat(line.get("lastErrorMessage").asText()).startsWith("Encountered malformed JSON.");
    assertThat(line.get("attemptEndingTimestamp").asLong()).isEqualTo(1_700_000_099L);
    assertThat(new String(Base64.getDecoder().decode(line.get("rawData").asText())))
        .isEqualTo(Fixtures.NOT_JSON);
    JsonNode table = line.get("dataCatalogTable");
    assertThat(table.get("catalogId").asText()).isEqualTo("123456789012");
    assertThat(table.get("databaseName").asText()).isEqualTo(Fixtures.DATABASE);
    assertThat(table.get("tableName").asText()).isEqualTo(Fixtures.TABLE);
    assertThat(table.get("region").asText()).isEqualTo("eu-west-1");
    assertThat(table.get("versionId").asText()).isEqualTo("LATEST");
    assertThat(table.get("catalogArn").asText())
        .isEqualTo("arn:aws:glue:eu-west-1:123456789012:catalog");

    FailedRecord fromStream = new FailedRecord(failed.record().withKinesisRecordMetadata(
        new KinesisRecordMetadata("shardId-000000000000", "pk", "4959", 2, 1L)), "c", "m", 1);
    JsonNode streamLine =
        new ObjectMapper().readTree(converter.errorOutputLine(fromStream, 1_700_000_099L));
    assertThat(streamLine.get("sequenceNumber").asText()).isEqualTo("4959");
    assertThat(streamLine.get("subSequenceNumber").asLong()).isEqualTo(2);
  }

  @Test
  void theHiveSerDeConvertsToo() throws Exception {
    Map<String, Object> config = Fixtures.config(
        Map.of("HiveJsonSerDe", Map.of("TimestampFormats", List.of("millis"))),
        "ParquetSerDe", Map.of("Compression", "GZIP"));
    RecordFormatConverter converter = FormatConverters.from(config, Fixtures.catalog());

    Converted out = converter.convert(Fixtures.records(
        "{\"id\":1,\"ts\":1518033528123}", "{\"id\":\"2\"}", "{\"id\":3,\"name\":{\"n\":1}}"));

    assertThat(out.recordCount()).isEqualTo(1);
    assertThat(out.failed()).extracting(f -> f.errorCode()).containsExactly(
        ConversionException.MALFORMED_DATA, ConversionException.MALFORMED_DATA);
  }

  private static void assertInvalid(Map<String, Object> config, String message) {
    assertThatThrownBy(() -> FormatConverters.validate(config))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((AwsException) e).code().type())
        .isEqualTo("InvalidArgumentException");
    assertThatThrownBy(() -> FormatConverters.from(config, Fixtures.catalog()))
        .isInstanceOf(AwsException.class);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
