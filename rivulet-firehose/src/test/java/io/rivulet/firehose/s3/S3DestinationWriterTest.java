package io.rivulet.firehose.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.format.FormatConverters;
import io.rivulet.firehose.format.InMemorySchemaCatalog;
import io.rivulet.firehose.format.SchemaCatalog;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordFormatConverter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 destination end to end: batches delivered through the real SDK client into the embedded
 * S3 server, read back with the SDK and independent decompressors.
 */
class S3DestinationWriterTest {
  static final long T0 = Instant.parse("2024-03-05T06:07:08Z").toEpochMilli();
  static final String STREAM = "orders";
  static final ObjectMapper JSON = new ObjectMapper();
  static final AtomicInteger BUCKETS = new AtomicInteger();

  @TempDir static Path dir;
  static EmbeddedS3 server;
  static S3Client s3;

  @BeforeAll
  static void start() {
    server = EmbeddedS3.start("127.0.0.1", 0, dir.resolve("s3"), null);
    s3 = S3Clients.create(server.endpoint(), "us-east-1", "test", "test");
  }

  @AfterAll
  static void stop() {
    s3.close();
    server.close();
  }

  static String newBucket() {
    String bucket = "bucket-" + BUCKETS.incrementAndGet();
    s3.createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  static Map<String, Object> config(String bucket) {
    Map<String, Object> c = new HashMap<>();
    c.put("BucketARN", "arn:aws:s3:::" + bucket);
    c.put("RoleARN", "arn:aws:iam::000000000000:role/firehose");
    return c;
  }

  static FirehoseRecord record(int i, String data) {
    return new FirehoseRecord("r" + i, T0 + i * 1000L, data.getBytes(StandardCharsets.UTF_8));
  }

  static DeliveryBatch batch(long first, List<FirehoseRecord> records) {
    return new DeliveryBatch(STREAM, "arn:aws:firehose:us-east-1:000000000000:deliverystream/" + STREAM,
        first, first + records.size() - 1, records);
  }

  record Setup(TestDeliveryContext ctx, S3DestinationWriter writer) {}

  @SuppressWarnings("unchecked")
  static Setup writer(Map<String, Object> config, RecordFormatConverter converter) {
    Map<String, Object> backup = (Map<String, Object>) config.get("S3BackupConfiguration");
    TestDeliveryContext ctx = new TestDeliveryContext(T0 + 60_000, s3, STREAM, "1", config, backup);
    S3DestinationWriter w = new S3DestinationWriter(config,
        new S3DestinationWriter.Env(s3, ctx, STREAM, "1", converter, null));
    return new Setup(ctx, w);
  }

  static List<String> keys(String bucket) {
    List<String> keys = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(l -> l.bucket(bucket)).contents()) {
      keys.add(o.key());
    }
    return keys;
  }

  static ResponseBytes<GetObjectResponse> get(String bucket, String key) {
    return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key));
  }

  @Test
  void recordsAreConcatenatedUnderTheDefaultPrefixWithFirehosesObjectName() throws Exception {
    String bucket = newBucket();
    Setup s = writer(config(bucket), null);
    s.writer().deliver(batch(0, List.of(record(0, "{\"a\":1}\n"), record(1, "{\"a\":2}"), record(2, "x"))));

    List<String> keys = keys(bucket);
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0)).matches("2024/03/05/06/orders-1-2024-03-05-06-07-08-"
        + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    ResponseBytes<GetObjectResponse> object = get(bucket, keys.get(0));
    assertThat(object.asUtf8String()).isEqualTo("{\"a\":1}\n{\"a\":2}x");
    assertThat(object.response().contentType()).isEqualTo("application/octet-stream");
    assertThat(s.ctx().deliveredRecords()).containsEntry("S3", 3L);
    assertThat(s.ctx().sleeps).isEmpty();
  }

  @Test
  void aRedeliveredRangeOverwritesItsObjectAndANewRangeAddsOne() throws Exception {
    String bucket = newBucket();
    Setup s = writer(config(bucket), null);
    List<FirehoseRecord> records = List.of(record(0, "one"), record(1, "two"));
    s.writer().deliver(batch(10, records));
    // as after a crash: a new writer, the same range
    writer(config(bucket), null).writer().deliver(batch(10, records));
    assertThat(keys(bucket)).hasSize(1);
    s.writer().deliver(batch(12, List.of(record(0, "three"))));
    assertThat(keys(bucket)).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void eachCompressionFormatWritesWhatItsReaderDecodes(Compression compression) throws Exception {
    String bucket = newBucket();
    Map<String, Object> config = config(bucket);
    config.put("CompressionFormat", compression.wireName());
    Setup s = writer(config, null);
    StringBuilder expected = new StringBuilder();
    List<FirehoseRecord> records = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      String line = "{\"n\":" + i + ",\"text\":\"some repeated text\"}\n";
      records.add(record(i % 7, line));
      expected.append(line);
    }
    s.writer().deliver(batch(0, records));
    String key = keys(bucket).get(0);
    assertThat(key).matches("2024/03/05/06/orders-1-[0-9-]{20}[0-9a-f-]{36}"
        + compression.extension().replace(".", "\\."));
    ResponseBytes<GetObjectResponse> object = get(bucket, key);
    assertThat(object.response().contentEncoding()).isEqualTo(compression.contentEncoding());
    assertThat(new String(CompressionTest.decode(compression, object.asByteArray()), StandardCharsets.UTF_8))
        .isEqualTo(expected.toString());
  }

  @Test
  void customPrefixTimeZoneAndFileExtensionShapeTheKey() throws Exception {
    String bucket = newBucket();
    Map<String, Object> config = config(bucket);
    config.put("Prefix", "events/dt=!{timestamp:yyyy-MM-dd}/h=!{timestamp:HH}/r=!{firehose:random-string}/");
    config.put("ErrorOutputPrefix", "errors/!{firehose:error-output-type}/");
    config.put("CustomTimeZone", "Asia/Tokyo");
    config.put("CompressionFormat", "GZIP");
    config.put("FileExtension", ".json.gz");
    writer(config, null).writer().deliver(batch(0, List.of(record(0, "{}"))));
    assertThat(keys(bucket)).singleElement().asString()
        .matches("events/dt=2024-03-05/h=15/r=[0-9a-f]{11}/orders-1-2024-03-05-15-07-08-[0-9a-f-]{36}\\.json\\.gz");
  }

  @Test
  void dynamicPartitioningWritesOneObjectPerKeySetAndMissingKeysToTheErrorOutput() throws Exception {
    String bucket = newBucket();
    Map<String, Object> config = config(bucket);
    config.put("DynamicPartitioningConfiguration", Map.of("Enabled", true));
    config.put("Prefix", "customer=!{partitionKeyFromQuery:customer}/year=!{timestamp:yyyy}/");
    config.put("ErrorOutputPrefix", "errors/!{firehose:error-output-type}/");
    S3DestinationWriter.validate(config);
    Setup s = writer(config, null);
    s.writer().deliver(batch(0, List.of(
        record(0, "a1\n").withPartitionKeys(Map.of("customer", "a")),
        record(1, "b1\n").withPartitionKeys(Map.of("customer", "b")),
        record(2, "a2\n").withPartitionKeys(Map.of("customer", "a")),
        record(3, "none\n"))));

    List<String> keys = keys(bucket);
    assertThat(keys).hasSize(3);
    String a = keys.stream().filter(k -> k.startsWith("customer=a/year=2024/orders-1-")).findFirst().orElseThrow();
    String b = keys.stream().filter(k -> k.startsWith("customer=b/year=2024/orders-1-")).findFirst().orElseThrow();
    assertThat(get(bucket, a).asUtf8String()).isEqualTo("a1\na2\n");
    assertThat(get(bucket, b).asUtf8String()).isEqualTo("b1\n");
    assertThat(b).contains("-2024-03-05-06-07-09-"); // dated by its own oldest record
    String error = keys.stream().filter(k -> k.startsWith("errors/processing-failed/orders-1-")).findFirst().orElseThrow();
    JsonNode line = JSON.readTree(get(bucket, error).asUtf8String().strip());
    assertThat(new String(Base64.getDecoder().decode(line.get("rawData").asText()), StandardCharsets.UTF_8))
        .isEqualTo("none\n");
    assertThat(line.get("errorCode").asText()).isEqualTo("DynamicPartitioning.PrefixEvaluationFailed");
    assertThat(line.get("arrivalTimestamp").asLong()).isEqualTo(T0 + 3000);
    assertThat(s.ctx().deliveredRecords()).containsEntry("S3", 3L);
  }

  /** A DataFormatConversionConfiguration: OpenX JSON in, Parquet out, table analytics.orders. */
  static Map<String, Object> parquetConversion() {
    return Map.of(
        "SchemaConfiguration", Map.of("DatabaseName", "analytics", "TableName", "orders",
            "RoleARN", "arn:aws:iam::000000000000:role/firehose"),
        "InputFormatConfiguration", Map.of("Deserializer", Map.of("OpenXJsonSerDe", Map.of())),
        "OutputFormatConfiguration", Map.of("Serializer", Map.of("ParquetSerDe", Map.of())));
  }

  @Test
  void formatConversionWritesAParquetObjectAndFailuresAsFormatConversionFailed() throws Exception {
    String bucket = newBucket();
    Map<String, Object> config = config(bucket);
    config.put("DataFormatConversionConfiguration", parquetConversion());
    S3DestinationWriter.validate(config);
    InMemorySchemaCatalog catalog = new InMemorySchemaCatalog().put("analytics", "orders",
        List.of(new SchemaCatalog.Column("id", "int"), new SchemaCatalog.Column("name", "string")));
    RecordFormatConverter converter = FormatConverters.from(parquetConversion(), catalog,
        "arn:aws:firehose:us-east-1:000000000000:deliverystream/" + STREAM);
    Setup s = writer(config, converter);
    s.writer().deliver(batch(0, List.of(record(0, "{\"id\":1,\"name\":\"a\"}"),
        record(1, "{\"id\":"), record(2, "{\"id\":3}"))));

    List<String> keys = keys(bucket);
    String data = keys.stream().filter(k -> k.endsWith(".parquet")).findFirst().orElseThrow();
    assertThat(data).matches("2024/03/05/06/orders-1-2024-03-05-06-07-08-[0-9a-f-]{36}\\.parquet");
    Path file = dir.resolve("delivered.parquet");
    Files.write(file, get(bucket, data).asByteArray());
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      assertThat(reader.getRecordCount()).isEqualTo(2);
      assertThat(reader.getFooter().getFileMetaData().getSchema().getFieldCount()).isEqualTo(2);
    }
    String error = keys.stream().filter(k -> k.startsWith("format-conversion-failed/2024/03/05/06/orders-1-"))
        .findFirst().orElseThrow();
    JsonNode line = JSON.readTree(get(bucket, error).asUtf8String().strip());
    assertThat(line.get("lastErrorCode").asText()).isEqualTo("DataFormatConversion.ParseError");
    assertThat(line.get("rawData").asText())
        .isEqualTo(Base64.getEncoder().encodeToString("{\"id\":".getBytes(StandardCharsets.UTF_8)));
    assertThat(line.get("dataCatalogTable").get("tableName").asText()).isEqualTo("orders");
    assertThat(line.get("attemptEndingTimestamp").asLong()).isEqualTo(T0 + 60_000);
    assertThat(s.ctx().errorKeys).containsExactly(error);
    assertThat(s.ctx().deliveredRecords()).containsEntry("S3", 2L);
  }

  @Test
  void s3FailuresAreRetriedWithBackOffThenHandedBackAndTheRedeliveryLands() throws Exception {
    String bucket = "not-yet-" + BUCKETS.incrementAndGet();
    Map<String, Object> config = config(bucket);
    config.put("DynamicPartitioningConfiguration",
        Map.of("Enabled", false, "RetryOptions", Map.of("DurationInSeconds", 10)));
    Setup s = writer(config, null);
    DeliveryBatch batch = batch(0, List.of(record(0, "kept")));

    assertThatThrownBy(() -> s.writer().deliver(batch)).isInstanceOfSatisfying(DeliveryException.class, e -> {
      assertThat(e.errorCode()).isEqualTo("S3.NoSuchBucket");
      assertThat(e.retryable()).isTrue();
    });
    assertThat(s.ctx().sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(s.ctx().failedRecords()).containsEntry("S3", 1L);

    s3.createBucket(b -> b.bucket(bucket));
    s.writer().deliver(batch);
    assertThat(keys(bucket)).singleElement().satisfies(k -> assertThat(get(bucket, k).asUtf8String()).isEqualTo("kept"));
  }

  @Test
  void backupEnabledWritesTheSourceRecordsToTheBackupConfiguration() throws Exception {
    String bucket = newBucket();
    String backupBucket = newBucket();
    Map<String, Object> backup = config(backupBucket);
    backup.put("Prefix", "source/");
    backup.put("CompressionFormat", "GZIP");
    Map<String, Object> config = config(bucket);
    config.put("S3BackupMode", "Enabled");
    config.put("S3BackupConfiguration", backup);
    S3DestinationWriter.validate(config);
    Setup s = writer(config, null);
    // processing turned "raw-1"/"raw-2" into upper case before delivery
    s.ctx().source(0, List.of(record(0, "raw-1\n"), record(1, "raw-2\n")));
    s.writer().deliver(batch(0, List.of(record(0, "RAW-1\n"), record(1, "RAW-2\n"))));

    assertThat(get(bucket, keys(bucket).get(0)).asUtf8String()).isEqualTo("RAW-1\nRAW-2\n");
    String backupKey = keys(backupBucket).get(0);
    assertThat(backupKey).matches("source/2024/03/05/06/orders-1-2024-03-05-06-07-08-[0-9a-f-]{36}\\.gz");
    assertThat(s.ctx().backupKeys).containsExactly(backupKey);
    assertThat(new String(CompressionTest.decode(Compression.GZIP, get(backupBucket, backupKey).asByteArray()),
        StandardCharsets.UTF_8)).isEqualTo("raw-1\nraw-2\n");
  }

  @Test
  void outputsWriteErrorLinesUnderTheDefaultErrorPrefixForAnyDestination() throws Exception {
    String bucket = newBucket();
    Map<String, Object> httpS3Configuration = config(bucket);
    httpS3Configuration.put("Prefix", "http-backup/");
    S3Outputs.validate(httpS3Configuration);
    S3Outputs outputs = new S3Outputs(httpS3Configuration, s3, STREAM, "4", null, java.time.Clock.systemUTC());
    FirehoseRecord r = record(5, "payload");
    byte[] line = ErrorRecords.failure(new FailedRecord(r, "HttpEndpoint.ResponseErrorCode",
        "The endpoint answered 500", 3), T0 + 99_000, Map.of("endpointUrl", "http://127.0.0.1:9/"));
    String key = outputs.writeErrorOutput(batch(40, List.of(r)), "http-endpoint-failed", List.of(line));
    assertThat(key).matches("http-backup/http-endpoint-failed/2024/03/05/06/orders-4-2024-03-05-06-07-13-[0-9a-f-]{36}");
    assertThat(outputs.writeErrorOutput(batch(40, List.of(r)), "http-endpoint-failed", List.of(line))).isEqualTo(key);
    JsonNode json = JSON.readTree(get(bucket, key).asUtf8String());
    assertThat(json.fieldNames()).toIterable().containsExactly("attemptsMade", "arrivalTimestamp",
        "errorCode", "errorMessage", "attemptEndingTimestamp", "rawData", "endpointUrl");
    assertThat(json.get("attemptsMade").asInt()).isEqualTo(3);
    assertThat(get(bucket, key).asUtf8String()).endsWith("}\n");
    assertThat(outputs.writeErrorOutput(batch(40, List.of(r)), "http-endpoint-failed", List.of())).isNull();
  }
}
