package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.analytics.flink.EngineSettings;
import io.rivulet.analytics.flink.FlinkEngine;
import io.rivulet.analytics.flink.sql.SqlApplicationRuntime;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.Input;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.Output;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RecordColumn;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SqlApplicationConfiguration;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ReferenceDataSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.sync.RequestBody;
import io.rivulet.firehose.s3.S3Clients;
import io.rivulet.server.RivuletServer;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RecordFormatType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.RuntimeEnvironment;

/**
 * The seed's example end to end through the real server and SDK clients: page views with user ids
 * put into a stream, a SQL-1_0 application (created and started with the kinesisanalyticsv2 API)
 * counting active users per 5-minute sliding window on the embedded Flink engine, and the output
 * stream's rows compared with a reference computation over the input's arrival times.
 */
class SqlSeedExampleTest {
  private static final String ACCOUNT = "000000000000";
  private static final Path FLINK_TMP = tempDirectory();
  private static final FlinkEngine ENGINE = new FlinkEngine(EngineSettings.embedded(FLINK_TMP));
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  /** The server with the SQL-1_0 runtime as a server wires it (streams in-process). */
  @RegisterExtension
  static final RivuletExtension SERVER = new RivuletExtension(
      o -> o.withS3(new RivuletServer.Options.S3(0, null))).withRuntimes(() -> List.of(
          SqlApplicationRuntime.forServer(ENGINE, () -> SqlSeedExampleTest.SERVER.endpoint(),
              () -> SqlSeedExampleTest.SERVER.server().s3Endpoint())));

  private static final String CODE = """
      CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (active_users BIGINT, at_time TIMESTAMP);
      CREATE OR REPLACE STREAM "PROBE_STREAM" (user_id VARCHAR(16));
      -- active users in the last 5 minutes, at every page view
      CREATE OR REPLACE PUMP "ACTIVE_USERS_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM COUNT(DISTINCT "USER_ID") OVER W1, ROWTIME
        FROM "SOURCE_SQL_STREAM_001"
        WHERE "PAGE" <> '/probe'
        WINDOW W1 AS (RANGE INTERVAL '5' MINUTE PRECEDING);
      CREATE OR REPLACE PUMP "PROBE_PUMP" AS INSERT INTO "PROBE_STREAM"
        SELECT STREAM "USER_ID" FROM "SOURCE_SQL_STREAM_001" WHERE "PAGE" = '/probe';
      """;

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("rivulet-flink-test-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void closeEngine() {
    ENGINE.close();
  }

  @Test
  void activeUsersPerFiveMinuteSlidingWindowMatchReference() throws Exception {
    KinesisClient kinesis = SERVER.sync(WireMode.CBOR);
    for (String s : List.of("page-views", "active-users", "probes")) {
      kinesis.createStream(b -> b.streamName(s).shardCount(1));
      kinesis.waiter().waitUntilStreamExists(b -> b.streamName(s));
    }
    KinesisAnalyticsV2Client analytics = SERVER.analytics();
    createApplication(analytics, "active-users", CODE, sql -> sql
                .inputs(List.of(viewsInput("page-views")))
                .outputs(List.of(
                    Output.builder().name("DESTINATION_SQL_STREAM")
                        .kinesisStreamsOutput(k -> k.resourceARN(arn("active-users")))
                        .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON)).build(),
                    probeOutput("probes"))));
    startAndPutViews(analytics, kinesis, "active-users", "page-views", "probes");
    List<String> expected = reference(new Reader(kinesis, "page-views").all());
    Reader output = new Reader(kinesis, "active-users");
    List<String> actual = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (actual.size() < expected.size() && System.nanoTime() < deadline) {
      for (Record r : output.poll()) {
        actual.add(r.data().asUtf8String());
      }
      Thread.sleep(200);
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    analytics.stopApplication(b -> b.applicationName("active-users"));
    awaitStatus(analytics, "active-users", ApplicationStatus.READY);
  }

  /** Creates a SQL-1_0 application with this code and SqlApplicationConfiguration. */
  private static void createApplication(KinesisAnalyticsV2Client analytics, String app,
      String code, Consumer<SqlApplicationConfiguration.Builder> sql) {
    analytics.createApplication(b -> b.applicationName(app)
        .runtimeEnvironment(RuntimeEnvironment.SQL_1_0)
        .serviceExecutionRole("arn:aws:iam::" + ACCOUNT + ":role/analytics")
        .applicationConfiguration(c -> c
            .applicationCodeConfiguration(cc -> cc.codeContentType(CodeContentType.PLAINTEXT)
                .codeContent(content -> content.textContent(code)))
            .sqlApplicationConfiguration(sql)));
  }

  /** The output of the probe pump (PROBE_STREAM) to a stream. */
  private static Output probeOutput(String stream) {
    return Output.builder().name("PROBE_STREAM")
        .kinesisStreamsOutput(k -> k.resourceARN(arn(stream)))
        .destinationSchema(d -> d.recordFormatType(RecordFormatType.CSV)).build();
  }

  /** Starts the application, waits until it reads its input, then puts the page views. */
  private static void startAndPutViews(KinesisAnalyticsV2Client analytics, KinesisClient kinesis,
      String app, String input, String probes) throws InterruptedException {
    analytics.startApplication(b -> b.applicationName(app));
    awaitStatus(analytics, app, ApplicationStatus.RUNNING);
    awaitReading(kinesis, input, probes);
    putViews(kinesis, input);
  }

  /** The application reads from NOW: puts probes until one comes through its probe pump. */
  private static void awaitReading(KinesisClient kinesis, String input, String probeStream)
      throws InterruptedException {
    Reader probes = new Reader(kinesis, probeStream);
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (probes.poll().isEmpty()) {
      assertThat(System.nanoTime()).as("a probe came through").isLessThan(deadline);
      put(kinesis, input, List.of(event("probe", "/probe")));
      Thread.sleep(500);
    }
  }

  /** Page views in batches a little apart, then a probe that moves the watermark past them. */
  private static void putViews(KinesisClient kinesis, String input) throws InterruptedException {
    Random random = new Random(7);
    for (int batch = 0; batch < 10; batch++) {
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(20); i++) {
        events.add(event("user-" + random.nextInt(30), "/page/" + random.nextInt(4)));
      }
      put(kinesis, input, events);
      Thread.sleep(random.nextInt(300));
    }
    // past the last view's second and the watermark delay (1 s)
    Thread.sleep(2_500);
    put(kinesis, input, List.of(event("probe", "/probe")));
  }

  @Test
  void referenceDataFromS3TumblingWindowToFirehose() throws Exception {
    KinesisClient kinesis = SERVER.sync(WireMode.CBOR);
    for (String s : List.of("views", "probes2")) {
      kinesis.createStream(b -> b.streamName(s).shardCount(1));
      kinesis.waiter().waitUntilStreamExists(b -> b.streamName(s));
    }
    try (S3Client s3 = S3Clients.create(SERVER.server().s3Endpoint(), "us-east-1", "local",
        "local")) {
      s3.createBucket(b -> b.bucket("reference"));
      s3.createBucket(b -> b.bucket("delivered"));
      s3.putObject(b -> b.bucket("reference").key("pages.csv"), RequestBody.fromString(
          "/page/0,Home\n/page/1,Cart\n/page/2,Checkout\n"));
    }
    SERVER.firehose().createDeliveryStream(b -> b.deliveryStreamName("per-second")
        .extendedS3DestinationConfiguration(c -> c.bucketARN("arn:aws:s3:::delivered")
            .roleARN("arn:aws:iam::" + ACCOUNT + ":role/firehose")
            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))));
    KinesisAnalyticsV2Client analytics = SERVER.analytics();
    createApplication(analytics, "per-second", PER_SECOND_CODE, sql -> sql
                .inputs(List.of(viewsInput("views")))
                .referenceDataSources(List.of(ReferenceDataSource.builder().tableName("PAGES")
                    .s3ReferenceDataSource(r -> r.bucketARN("arn:aws:s3:::reference")
                        .fileKey("pages.csv"))
                    .referenceSchema(schema -> schema
                        .recordFormat(f -> f.recordFormatType(RecordFormatType.CSV)
                            .mappingParameters(m -> m.csvMappingParameters(
                                csv -> csv.recordRowDelimiter("\n").recordColumnDelimiter(","))))
                        .recordColumns(List.of(
                            RecordColumn.builder().name("PATH").sqlType("VARCHAR(16)").build(),
                            RecordColumn.builder().name("TITLE").sqlType("VARCHAR(16)").build())))
                    .build()))
                .outputs(List.of(
                    Output.builder().name("PER_SECOND")
                        .kinesisFirehoseOutput(k -> k.resourceARN(
                            "arn:aws:firehose:us-east-1:" + ACCOUNT + ":deliverystream/per-second"))
                        .destinationSchema(d -> d.recordFormatType(RecordFormatType.CSV)).build(),
                    probeOutput("probes2"))));
    startAndPutViews(analytics, kinesis, "per-second", "views", "probes2");

    List<String> expected = perSecondReference(new Reader(kinesis, "views").all());
    List<String> actual = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (S3Client s3 = S3Clients.create(SERVER.server().s3Endpoint(), "us-east-1", "local",
        "local")) {
      while (actual.size() < expected.size() && System.nanoTime() < deadline) {
        Thread.sleep(300);
        StringBuilder all = new StringBuilder();
        for (var o : s3.listObjectsV2(b -> b.bucket("delivered")).contents()) {
          // not an object s3proxy is still writing (its key followed by two UUIDs)
          if (!o.key().matches(".*(-\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}){2}$")) {
            all.append(s3.getObjectAsBytes(b -> b.bucket("delivered").key(o.key())).asUtf8String());
          }
        }
        actual = all.toString().lines().toList();
      }
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    analytics.stopApplication(b -> b.applicationName("per-second"));
    awaitStatus(analytics, "per-second", ApplicationStatus.READY);
  }

  private static final String PER_SECOND_CODE = """
      CREATE OR REPLACE STREAM "ENRICHED" (title VARCHAR(16), user_id VARCHAR(16));
      CREATE OR REPLACE STREAM "PER_SECOND" (second_start TIMESTAMP, title VARCHAR(16), views BIGINT);
      CREATE OR REPLACE STREAM "PROBE_STREAM" (user_id VARCHAR(16));
      CREATE OR REPLACE PUMP "ENRICH" AS INSERT INTO "ENRICHED"
        SELECT STREAM r."TITLE", s."USER_ID" FROM "SOURCE_SQL_STREAM_001" AS s
        JOIN "PAGES" AS r ON s."PAGE" = r."PATH";
      CREATE OR REPLACE PUMP "COUNT_PUMP" AS INSERT INTO "PER_SECOND"
        SELECT STREAM STEP("ENRICHED".ROWTIME BY INTERVAL '1' SECOND), title, COUNT(*)
        FROM "ENRICHED"
        GROUP BY title, STEP("ENRICHED".ROWTIME BY INTERVAL '1' SECOND);
      CREATE OR REPLACE PUMP "PROBE_PUMP" AS INSERT INTO "PROBE_STREAM"
        SELECT STREAM "USER_ID" FROM "SOURCE_SQL_STREAM_001" WHERE "PAGE" = '/probe';
      """;

  private static Input viewsInput(String stream) {
    return Input.builder().namePrefix("SOURCE_SQL_STREAM")
        .kinesisStreamsInput(k -> k.resourceARN(arn(stream)))
        .inputSchema(schema -> schema.recordEncoding("UTF-8")
            .recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
            .recordColumns(List.of(
                RecordColumn.builder().name("USER_ID").sqlType("VARCHAR(16)")
                    .mapping("$.userId").build(),
                RecordColumn.builder().name("PAGE").sqlType("VARCHAR(32)")
                    .mapping("$.page").build())))
        .build();
  }

  /** Views of pages with a title, counted per title and second of arrival, as CSV lines. */
  private static List<String> perSecondReference(List<Record> input) {
    java.util.Map<String, String> titles = java.util.Map.of("/page/0", "Home", "/page/1", "Cart",
        "/page/2", "Checkout");
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    for (Record r : input) {
      String page = r.data().asUtf8String().replaceAll(".*\"page\":\"([^\"]*)\".*", "$1");
      if (titles.containsKey(page)) {
        Instant second = r.approximateArrivalTimestamp().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        counts.merge(TS.format(LocalDateTime.ofInstant(second, ZoneOffset.UTC)) + ","
            + titles.get(page), 1, Integer::sum);
      }
    }
    List<String> lines = new ArrayList<>();
    counts.forEach((k, n) -> lines.add(k + "," + n));
    assertThat(lines).hasSizeGreaterThan(2);
    return lines;
  }

  /** Per page view (not probes): the distinct users of the views in the 5 minutes up to it. */
  private static List<String> reference(List<Record> input) {
    List<Record> views = input.stream()
        .filter(r -> !r.data().asUtf8String().contains("/probe")).toList();
    List<String> expected = new ArrayList<>();
    for (Record v : views) {
      Instant t = v.approximateArrivalTimestamp();
      Set<String> users = new HashSet<>();
      for (Record o : views) {
        Instant u = o.approximateArrivalTimestamp();
        if (!u.isAfter(t) && !u.isBefore(t.minus(Duration.ofMinutes(5)))) {
          users.add(o.data().asUtf8String().replaceAll(".*\"userId\":\"([^\"]*)\".*", "$1"));
        }
      }
      expected.add("{\"ACTIVE_USERS\":" + users.size() + ",\"AT_TIME\":\""
          + TS.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC)) + "\"}");
    }
    assertThat(expected).hasSizeGreaterThan(10);
    return expected;
  }

  private static String event(String user, String page) {
    return "{\"userId\":\"" + user + "\",\"page\":\"" + page + "\"}";
  }

  private static void put(KinesisClient kinesis, String stream, List<String> events) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (String e : events) {
      entries.add(PutRecordsRequestEntry.builder().partitionKey("k")
          .data(SdkBytes.fromString(e, StandardCharsets.UTF_8)).build());
    }
    assertThat(kinesis.putRecords(b -> b.streamName(stream).records(entries))
        .failedRecordCount()).isZero();
  }

  private static String arn(String stream) {
    return "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + stream;
  }

  private static void awaitStatus(KinesisAnalyticsV2Client analytics, String app,
      ApplicationStatus status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    ApplicationStatus now;
    do {
      now = analytics.describeApplication(b -> b.applicationName(app))
          .applicationDetail().applicationStatus();
      if (now == status) {
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("application still " + now);
  }

  /** Reads a one-shard stream from its start. Not thread-safe. */
  private static final class Reader {
    private final KinesisClient kinesis;
    private String iterator;

    Reader(KinesisClient kinesis, String stream) {
      this.kinesis = kinesis;
      String shard = kinesis.listShards(b -> b.streamName(stream)).shards().get(0).shardId();
      iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    List<Record> poll() {
      GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(iterator));
      iterator = r.nextShardIterator();
      return r.records();
    }

    List<Record> all() {
      List<Record> out = new ArrayList<>();
      List<Record> got;
      while (!(got = poll()).isEmpty()) {
        out.addAll(got);
      }
      return out;
    }
  }
}
