package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.analytics.flink1.Flink1Cluster;
import io.rivulet.analytics.flink1.Flink1Runtime;
import io.rivulet.analytics.flink1.Flink1Settings;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.firehose.s3.S3Clients;
import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A FLINK-1_20 application jar built in the test suite (rivulet-flink1-testjob: AWS's official
 * Kinesis connector, flink-connector-kinesis 4.3.0-1.19, and AWS's runtime library inside) run
 * through the kinesisanalyticsv2 API on a Flink 1.20 cluster that this test starts from Maven
 * Central's jars in a JVM of its own (rivulet-flink1-session's target/), the server's FLINK-1_x
 * runtime pointed at it as at a remote cluster: the job reads a Rivulet stream over the network
 * with FlinkKinesisConsumer and writes the records upper-cased with KinesisStreamsSink, its
 * stream names and endpoint from EnvironmentProperties; then snapshot, stop with a snapshot and
 * start from it continue without loss or duplicates.
 */
@SuppressWarnings("unchecked") // the SDK builders take varargs of consumers
class Flink1ApplicationTest {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path WORK = tempDirectory();
  static Process session;

  @RegisterExtension static RivuletExtension rivulet =
      new RivuletExtension(o -> o.withS3(new RivuletServer.Options.S3(0, null)))
          .withRuntimes(() -> List.<ApplicationRuntime>of(new Flink1Runtime(new Flink1Cluster(
              new Flink1Settings(null, "127.0.0.1:" + startSession(), WORK.resolve("runtime"), 1)))));

  static Path tempDirectory() {
    try {
      return Files.createTempDirectory("rivulet-flink1-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts rivulet-flink1-session from its build output, as a user would; its REST port. */
  static int startSession() {
    Path home = ROOT.resolve("rivulet-flink1-session/target");
    try (Stream<Path> files = Files.list(home)) {
      Path jar = files.filter(p -> p.getFileName().toString().matches(
          "rivulet-flink1-session-.*\\.jar")).findFirst().orElseThrow();
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
          "-XX:+UseSerialGC"));
      for (String p : List.of("java.lang", "java.lang.reflect", "java.io", "java.net", "java.nio",
          "sun.nio.ch", "java.text", "java.time", "java.util", "java.util.concurrent")) {
        command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
      }
      command.addAll(List.of("-cp", jar + ":" + home.resolve("lib") + "/*",
          "io.rivulet.flink1.SessionMain", "--dir", WORK.resolve("cluster").toString(),
          "--slots", "2"));
      session = new ProcessBuilder(command)
          .redirectError(WORK.resolve("cluster.log").toFile()).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(session.getInputStream(),
          StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("REST ")) {
          return Integer.parseInt(line.substring(5).strip());
        }
      }
      throw new IllegalStateException("the Flink 1.20 session exited: "
          + Files.readString(WORK.resolve("cluster.log")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopSession() throws Exception {
    if (session != null) {
      session.getOutputStream().close();
      if (!session.waitFor(15, TimeUnit.SECONDS)) {
        session.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    try (Stream<Path> paths = Files.walk(WORK)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static KinesisAnalyticsV2Client analytics() {
    return rivulet.analytics();
  }

  static String waitFor(String name, String status, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String now;
    do {
      now = analytics().describeApplication(r -> r.applicationName(name)).applicationDetail()
          .applicationStatusAsString();
      if (now.equals(status)) {
        return now;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return now;
  }

  /** Reads {@code stream}'s one shard from the start until {@code count} records are there. */
  static List<String> read(KinesisClient kinesis, String stream, int count, Duration timeout)
      throws InterruptedException {
    String shard = kinesis.listShards(r -> r.streamName(stream)).shards().get(0).shardId();
    String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<String> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String current = iterator;
      GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
      for (Record record : page.records()) {
        records.add(record.data().asUtf8String());
      }
      iterator = page.nextShardIterator();
      if (records.size() >= count) {
        Thread.sleep(1500); // and nothing more (no duplicates) arrives soon after
        String last = iterator;
        kinesis.getRecords(r -> r.shardIterator(last)).records()
            .forEach(r -> records.add(r.data().asUtf8String()));
        return records;
      }
      if (page.records().isEmpty()) {
        Thread.sleep(200);
      }
    }
    return records;
  }

  static void put(KinesisClient kinesis, String stream, int from, int to) {
    for (int i = from; i < to; i++) {
      int n = i;
      kinesis.putRecord(r -> r.streamName(stream).partitionKey("k" + n)
          .data(SdkBytes.fromUtf8String("record-" + n)));
    }
  }

  /** The application's {@code rivulet_analytics_<name>} at /metrics once it is at least {@code min}. */
  static long metric(String name, long min) throws Exception {
    java.util.regex.Pattern line = java.util.regex.Pattern.compile("rivulet_analytics_" + name
        + "\\{[^}]*application=\"upper\"[^}]*} (\\S+)");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long value = -1;
    do {
      String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
          .newBuilder(java.net.URI.create(rivulet.endpoint() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      java.util.regex.Matcher m = line.matcher(body);
      value = m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
      if (value >= min) {
        return value;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    return value;
  }

  static void log(String what, long begin) {
    System.out.printf("Flink1ApplicationTest: %s after %d ms%n", what,
        (System.nanoTime() - begin) / 1_000_000);
  }

  static List<String> upper(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "RECORD-" + i).toList();
  }

  @Test
  void officialConnectorJobRunsThroughTheApiAndResumesFromItsSnapshot() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    for (String stream : List.of("f1-in", "f1-out")) {
      kinesis.createStream(r -> r.streamName(stream).shardCount(1));
      kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream));
    }
    put(kinesis, "f1-in", 0, 20);
    Path jar;
    try (Stream<Path> files = Files.list(ROOT.resolve("rivulet-flink1-testjob/target"))) {
      jar = files.filter(p -> p.getFileName().toString().endsWith("-application.jar"))
          .findFirst().orElseThrow();
    }
    try (S3Client s3 = S3Clients.create(rivulet.server().s3Endpoint(), "us-east-1", "local",
        "local")) {
      s3.createBucket(r -> r.bucket("code"));
      s3.putObject(r -> r.bucket("code").key("uppercase-1.20.jar"), RequestBody.fromFile(jar));
    }
    analytics().createApplication(r -> r.applicationName("upper").runtimeEnvironment("FLINK-1_20")
        .serviceExecutionRole(FlinkApplicationTest.ROLE)
        .applicationConfiguration(a -> a
            .applicationCodeConfiguration(code -> code.codeContentType("ZIPFILE")
                .codeContent(cc -> cc.s3ContentLocation(s -> s.bucketARN("arn:aws:s3:::code")
                    .fileKey("uppercase-1.20.jar"))))
            .environmentProperties(e -> e.propertyGroups(g -> g.propertyGroupId("Job")
                .propertyMap(Map.of("input", "f1-in", "output", "f1-out", "region", "us-east-1",
                    "endpoint", rivulet.endpoint().toString(), "name", "upper-1.20"))))
            .flinkApplicationConfiguration(f -> f.checkpointConfiguration(c -> c
                .configurationType("CUSTOM").checkpointingEnabled(true).checkpointInterval(1000L)
                .minPauseBetweenCheckpoints(500L)))
            .applicationSnapshotConfiguration(s -> s.snapshotsEnabled(true))));

    long begin = System.nanoTime();
    analytics().startApplication(r -> r.applicationName("upper"));
    assertThat(waitFor("upper", "RUNNING", Duration.ofSeconds(60))).isEqualTo("RUNNING");
    log("running", begin);
    assertThat(read(kinesis, "f1-out", 20, Duration.ofSeconds(60)))
        .containsExactlyInAnyOrderElementsOf(upper(0, 20));

    log("20 records out", begin);
    analytics().createApplicationSnapshot(r -> r.applicationName("upper").snapshotName("at-20"));
    analytics().stopApplication(r -> r.applicationName("upper"));
    assertThat(waitFor("upper", "READY", Duration.ofSeconds(60))).isEqualTo("READY");
    assertThat(analytics().listApplicationSnapshots(r -> r.applicationName("upper"))
        .snapshotSummaries()).extracting(s -> s.snapshotStatusAsString()).containsOnly("READY")
        .hasSize(2);
    put(kinesis, "f1-in", 20, 30);
    analytics().startApplication(r -> r.applicationName("upper")); // from the stop's snapshot
    assertThat(waitFor("upper", "RUNNING", Duration.ofSeconds(60))).isEqualTo("RUNNING");
    log("restarted", begin);
    assertThat(read(kinesis, "f1-out", 30, Duration.ofSeconds(60)))
        .containsExactlyInAnyOrderElementsOf(upper(0, 30));
    log("30 records out", begin);
    // the restored job read the 10 new records and wrote 10, as the cluster's metrics say
    assertThat(metric("records_in_total", 10)).isEqualTo(10);
    assertThat(metric("records_out_total", 10)).isEqualTo(10);
    assertThat(metric("last_checkpoint_timestamp_seconds", 1)).isPositive();
    analytics().stopApplication(r -> r.applicationName("upper").force(true));
    assertThat(waitFor("upper", "READY", Duration.ofSeconds(30))).isEqualTo("READY");
  }
}
