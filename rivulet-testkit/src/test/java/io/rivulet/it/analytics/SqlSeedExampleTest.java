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

  @RegisterExtension
  static final RivuletExtension SERVER = new RivuletExtension().withRuntimes(() -> List.of(
      new SqlApplicationRuntime(SqlApplicationRuntime.engine(ENGINE),
          () -> new SqlApplicationRuntime.Settings(
              SqlSeedExampleTest.SERVER.endpoint().toString(),
              SqlSeedExampleTest.SERVER.endpoint().toString(), null, Duration.ofMillis(300)))));

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
    analytics.createApplication(b -> b.applicationName("active-users")
        .runtimeEnvironment(RuntimeEnvironment.SQL_1_0)
        .serviceExecutionRole("arn:aws:iam::" + ACCOUNT + ":role/analytics")
        .applicationConfiguration(c -> c
            .applicationCodeConfiguration(code -> code.codeContentType(CodeContentType.PLAINTEXT)
                .codeContent(cc -> cc.textContent(CODE)))
            .sqlApplicationConfiguration(sql -> sql
                .inputs(List.of(Input.builder().namePrefix("SOURCE_SQL_STREAM")
                    .kinesisStreamsInput(k -> k.resourceARN(arn("page-views")))
                    .inputSchema(schema -> schema.recordEncoding("UTF-8")
                        .recordFormat(f -> f.recordFormatType(RecordFormatType.JSON)
                            .mappingParameters(m -> m.jsonMappingParameters(j -> j.recordRowPath("$"))))
                        .recordColumns(List.of(
                            RecordColumn.builder().name("USER_ID").sqlType("VARCHAR(16)")
                                .mapping("$.userId").build(),
                            RecordColumn.builder().name("PAGE").sqlType("VARCHAR(32)")
                                .mapping("$.page").build())))
                    .build()))
                .outputs(List.of(
                    Output.builder().name("DESTINATION_SQL_STREAM")
                        .kinesisStreamsOutput(k -> k.resourceARN(arn("active-users")))
                        .destinationSchema(d -> d.recordFormatType(RecordFormatType.JSON)).build(),
                    Output.builder().name("PROBE_STREAM")
                        .kinesisStreamsOutput(k -> k.resourceARN(arn("probes")))
                        .destinationSchema(d -> d.recordFormatType(RecordFormatType.CSV))
                        .build())))));
    analytics.startApplication(b -> b.applicationName("active-users"));
    awaitStatus(analytics, ApplicationStatus.RUNNING);

    // the application reads from NOW: probe until its source is reading
    Reader probes = new Reader(kinesis, "probes");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (probes.poll().isEmpty()) {
      assertThat(System.nanoTime()).as("a probe came through").isLessThan(deadline);
      put(kinesis, List.of(event("probe", "/probe")));
      Thread.sleep(500);
    }

    Random random = new Random(7);
    for (int batch = 0; batch < 10; batch++) {
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(20); i++) {
        events.add(event("user-" + random.nextInt(30), "/page/" + random.nextInt(4)));
      }
      put(kinesis, events);
      Thread.sleep(random.nextInt(300));
    }
    Thread.sleep(1_000);
    put(kinesis, List.of(event("probe", "/probe")));  // moves the watermark past the last view

    List<String> expected = reference(new Reader(kinesis, "page-views").all());
    Reader output = new Reader(kinesis, "active-users");
    List<String> actual = new ArrayList<>();
    deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (actual.size() < expected.size() && System.nanoTime() < deadline) {
      for (Record r : output.poll()) {
        actual.add(r.data().asUtf8String());
      }
      Thread.sleep(200);
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    analytics.stopApplication(b -> b.applicationName("active-users"));
    awaitStatus(analytics, ApplicationStatus.READY);
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

  private static void put(KinesisClient kinesis, List<String> events) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (String e : events) {
      entries.add(PutRecordsRequestEntry.builder().partitionKey("k")
          .data(SdkBytes.fromString(e, StandardCharsets.UTF_8)).build());
    }
    assertThat(kinesis.putRecords(b -> b.streamName("page-views").records(entries))
        .failedRecordCount()).isZero();
  }

  private static String arn(String stream) {
    return "arn:aws:kinesis:us-east-1:" + ACCOUNT + ":stream/" + stream;
  }

  private static void awaitStatus(KinesisAnalyticsV2Client analytics, ApplicationStatus status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    ApplicationStatus now;
    do {
      now = analytics.describeApplication(b -> b.applicationName("active-users"))
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
