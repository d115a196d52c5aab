package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.analytics.flink.EngineSettings;
import io.rivulet.analytics.flink.FlinkEngine;
import io.rivulet.analytics.flink.FlinkRuntimes;
import io.rivulet.analytics.flink.TestJars;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.PropertyGroup;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;

/**
 * FLINK-2_2 applications through the kinesisanalyticsv2 API on the embedded engine: an application
 * jar built by the test (a fat jar with AWS's runtime library, reading its EnvironmentProperties
 * as on Managed Flink): create, start, RUNNING, snapshot, stop (with a snapshot), start from the
 * latest snapshot, stop, and what the job committed continues without loss or duplicates; and the
 * seed example as a Flink SQL application (PLAINTEXT code) over Rivulet streams: active users per
 * 5-minute sliding window, equal to a reference computation.
 */
class EmbeddedFlinkApplicationTest {
  static final String ROLE = "arn:aws:iam::000000000000:role/flink";
  static final ObjectMapper JSON = new ObjectMapper();
  /** Page views are put from 2026-01-01 on, for 20 minutes at most; the late one an hour later. */
  static final long LATE_VIEW_BOUND = Instant.parse("2026-01-01T01:00:00Z").toEpochMilli();

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension().withRuntimes(() -> {
    try {
      Path temp = Files.createTempDirectory("rivulet-flink-it-");
      return FlinkRuntimes.create(new FlinkEngine(EngineSettings.embedded(temp).withTaskSlots(4)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });

  @TempDir static Path dir;

  @Test
  void aFlinkJarRunsSnapshotsStopsAndResumesWithoutLossOrDuplicates() throws Exception {
    KinesisAnalyticsV2Client analytics = rivulet.analytics();
    Path jar = TestJars.countingJob(Files.createDirectories(dir.resolve("jars")));
    Path output = dir.resolve("out");
    analytics.createApplication(b -> b.applicationName("counter").runtimeEnvironment("FLINK-2_2")
        .serviceExecutionRole(ROLE)
        .applicationConfiguration(c -> c
            .applicationCodeConfiguration(code -> code.codeContentType(CodeContentType.ZIPFILE)
                .codeContent(cc -> cc.zipFileContent(SdkBytes.fromByteArray(read(jar)))))
            .environmentProperties(e -> e.propertyGroups(PropertyGroup.builder()
                .propertyGroupId("Job").propertyMap(Map.of("output", output.toString(),
                    "rate", "200", "name", "counter-job")).build()))
            .flinkApplicationConfiguration(f -> f.checkpointConfiguration(cp -> cp
                .configurationType(ConfigurationType.CUSTOM).checkpointingEnabled(true)
                .checkpointInterval(500L).minPauseBetweenCheckpoints(0L)))
            .applicationSnapshotConfiguration(s -> s.snapshotsEnabled(true))));

    analytics.startApplication(b -> b.applicationName("counter").runConfiguration(r -> r
        .applicationRestoreConfiguration(a -> a
            .applicationRestoreType(ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT))));
    awaitStatus(analytics, "counter", "RUNNING");
    TestJars.awaitCommitted(output, 1);

    analytics.createApplicationSnapshot(b -> b.applicationName("counter").snapshotName("first"));
    SnapshotDetails first = awaitSnapshot(analytics, "first");
    assertThat(first.snapshotStatusAsString()).isEqualTo("READY");

    analytics.stopApplication(b -> b.applicationName("counter").force(false));
    awaitStatus(analytics, "counter", "READY");
    long afterFirstRun = TestJars.committed(output).size();
    assertThat(TestJars.committed(output)).containsExactlyElementsOf(range(afterFirstRun));

    analytics.startApplication(b -> b.applicationName("counter").runConfiguration(r -> r
        .applicationRestoreConfiguration(a -> a
            .applicationRestoreType(ApplicationRestoreType.RESTORE_FROM_LATEST_SNAPSHOT))));
    awaitStatus(analytics, "counter", "RUNNING");
    TestJars.awaitCommitted(output, afterFirstRun + 1);
    analytics.stopApplication(b -> b.applicationName("counter").force(true));
    awaitStatus(analytics, "counter", "READY");

    List<Long> all = TestJars.committed(output);
    assertThat(all.size()).isGreaterThan((int) afterFirstRun);
    assertThat(all).containsExactlyElementsOf(range(all.size()));
  }

  /**
   * The seed example as a Flink SQL application: page views with user ids and known event times
   * are put into a stream; for each view, the number of distinct users in the 5 minutes up to it
   * (a sliding window, as the SQL-1_0 application computes it) is written to another stream.
   * The stream names come from EnvironmentProperties.
   */
  static final String ACTIVE_USERS_SQL = """
      -- active users per 5-minute sliding window
      CREATE TABLE page_views (
        userId STRING,
        page STRING,
        eventMillis BIGINT,
        eventTime AS TO_TIMESTAMP_LTZ(eventMillis, 3),
        WATERMARK FOR eventTime AS eventTime
      ) WITH ('connector' = 'rivulet', 'stream' = '${Streams.input}', 'format' = 'json',
        'scan.startup.mode' = 'trim-horizon');
      CREATE TABLE active_users (activeUsers BIGINT, atMillis BIGINT) WITH (
        'connector' = 'rivulet', 'stream' = '${Streams.output}', 'format' = 'json');
      INSERT INTO active_users
      SELECT COUNT(DISTINCT userId) OVER w, eventMillis
      FROM page_views
      WINDOW w AS (ORDER BY eventTime RANGE BETWEEN INTERVAL '5' MINUTE PRECEDING AND CURRENT ROW);
      """;

  @Test
  void theSeedExampleAsAFlinkSqlApplicationEqualsTheReference() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    createActive(kinesis, "page-views");
    createActive(kinesis, "active-users");
    KinesisAnalyticsV2Client analytics = rivulet.analytics();
    analytics.createApplication(b -> b.applicationName("active-users-sql")
        .runtimeEnvironment("FLINK-2_2").serviceExecutionRole(ROLE)
        .applicationConfiguration(c -> c
            .applicationCodeConfiguration(code -> code.codeContentType(CodeContentType.PLAINTEXT)
                .codeContent(cc -> cc.textContent(ACTIVE_USERS_SQL)))
            .environmentProperties(e -> e.propertyGroups(PropertyGroup.builder()
                .propertyGroupId("Streams").propertyMap(Map.of("input", "page-views",
                    "output", "active-users")).build()))));
    analytics.startApplication(b -> b.applicationName("active-users-sql"));
    awaitStatus(analytics, "active-users-sql", "RUNNING");

    Random random = new Random(42);
    long t = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    Map<Long, String> views = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      t += 1 + random.nextInt(4000);
      views.put(t, "user-" + random.nextInt(40));
    }
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    views.forEach((millis, user) -> entries.add(view(user, millis)));
    // a view an hour later moves the watermark past every view above (it is not counted itself)
    entries.add(view("late-user", t + 3_600_000));
    for (int i = 0; i < entries.size(); i += 100) {
      List<PutRecordsRequestEntry> batch = entries.subList(i, Math.min(entries.size(), i + 100));
      assertThat(kinesis.putRecords(b -> b.streamName("page-views").records(batch))
          .failedRecordCount()).isZero();
    }

    Map<Long, Long> expected = new TreeMap<>();
    views.forEach((at, user) -> expected.put(at, views.entrySet().stream()
        .filter(v -> v.getKey() <= at && v.getKey() >= at - 300_000)
        .map(Map.Entry::getValue).distinct().count()));
    Map<Long, Long> actual = readActiveUsers(kinesis, expected.size());
    // the late view's own row comes out only if the watermark passes it, which it need not
    actual.remove(t + 3_600_000);
    assertThat(actual).isEqualTo(expected);
    analytics.stopApplication(b -> b.applicationName("active-users-sql").force(true));
    awaitStatus(analytics, "active-users-sql", "READY");
  }

  static PutRecordsRequestEntry view(String user, long millis) {
    return PutRecordsRequestEntry.builder().partitionKey(user)
        .data(SdkBytes.fromUtf8String("{\"userId\":\"" + user + "\",\"page\":\"/p\","
            + "\"eventMillis\":" + millis + "}"))
        .build();
  }

  /**
   * The output stream's rows (event time to active users) once {@code count} rows of views before
   * the late one have arrived.
   */
  static Map<Long, Long> readActiveUsers(KinesisClient kinesis, int count) throws Exception {
    String shard = kinesis.listShards(b -> b.streamName("active-users")).shards().get(0).shardId();
    String iterator = kinesis.getShardIterator(b -> b.streamName("active-users").shardId(shard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    TreeMap<Long, Long> rows = new TreeMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (rows.headMap(LATE_VIEW_BOUND).size() < count && System.nanoTime() < deadline) {
      String from = iterator;
      GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(from));
      for (Record record : response.records()) {
        JsonNode row = JSON.readTree(record.data().asUtf8String());
        rows.put(row.path("atMillis").asLong(), row.path("activeUsers").asLong());
      }
      iterator = response.nextShardIterator();
      if (response.records().isEmpty()) {
        Thread.sleep(200);
      }
    }
    return rows;
  }

  static void createActive(KinesisClient kinesis, String name) throws InterruptedException {
    kinesis.createStream(b -> b.streamName(name).shardCount(1));
    while (kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary()
        .streamStatus() != StreamStatus.ACTIVE) {
      Thread.sleep(20);
    }
  }

  static ApplicationDetail awaitStatus(KinesisAnalyticsV2Client analytics, String name,
      String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    ApplicationDetail detail;
    do {
      detail = analytics.describeApplication(b -> b.applicationName(name)).applicationDetail();
      if (detail.applicationStatusAsString().equals(status)) {
        return detail;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    assertThat(detail.applicationStatusAsString()).isEqualTo(status);
    return detail;
  }

  static SnapshotDetails awaitSnapshot(KinesisAnalyticsV2Client analytics, String name)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    SnapshotDetails details;
    do {
      details = analytics.describeApplicationSnapshot(b -> b.applicationName("counter")
          .snapshotName(name)).snapshotDetails();
      if (!details.snapshotStatusAsString().equals("CREATING")) {
        return details;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return details;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Long> range(long n) {
    return LongStream.range(0, n).boxed().toList();
  }
}
