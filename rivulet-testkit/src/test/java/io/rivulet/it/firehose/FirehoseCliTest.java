package io.rivulet.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.firehose.s3.S3Clients;
import io.rivulet.it.Launcher;
import io.rivulet.it.Launcher.Run;
import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.firehose.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code ./rivulet firehose …} through the real launcher against a server with its embedded S3
 * and AWS's ingest quota switched on, on a clock the test moves (the quota is per second of it):
 * create from flags and from a configuration file, list, describe as tables and as the AWS
 * response, put lines that arrive in S3, throttled records retried until they fit, records given
 * up on, and bad input with its exit codes.
 */
class FirehoseCliTest {
  static final TestClock clock = new TestClock(Instant.parse("2026-04-01T10:00:00Z").toEpochMilli());
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock)
      .withS3(new RivuletServer.Options.S3(0, null))
      .withFirehose(o.firehose().withThrottling(true)));

  static Run rivulet(String stdin, String... args) throws IOException, InterruptedException {
    return Launcher.run(rivulet.endpoint(), stdin, args);
  }

  static S3Client s3() {
    return S3Clients.create(rivulet.server().s3Endpoint(), "us-east-1", "local", "local");
  }

  static FirehoseEngine.View view(String name) {
    return rivulet.server().firehose().engine().views().stream()
        .filter(v -> v.meta().name().equals(name)).findFirst().orElseThrow();
  }

  static String lines(int n) {
    return IntStream.range(0, n).mapToObj(i -> "{\"n\":" + i + "}\n").collect(Collectors.joining());
  }

  @Test
  void createListDescribePutAndDelete() throws Exception {
    try (S3Client s3 = s3()) {
      s3.createBucket(b -> b.bucket("cli-out"));
      Run create = rivulet(null, "firehose", "create", "clicks", "--s3-bucket", "cli-out",
          "--prefix", "raw/", "--buffer-mb", "1", "--buffer-seconds", "0", "--compression", "gzip",
          "--tag", "team=web");
      assertThat(create.exit()).as(create.err()).isZero();
      assertThat(create.out()).contains("clicks").contains("ACTIVE").contains("DirectPut")
          .contains("s3://cli-out/raw/").contains("1 MiB / 0 s").contains("GZIP");
      assertThat(rivulet.firehose().listTagsForDeliveryStream(b -> b.deliveryStreamName("clicks")).tags())
          .containsExactly(Tag.builder().key("team").value("web").build());

      JsonNode list = JSON.readTree(rivulet(null, "firehose", "list", "--output", "json").out());
      JsonNode row = list.findParents("name").stream().filter(r -> r.get("name").asText().equals("clicks"))
          .findFirst().orElseThrow();
      assertThat(row.get("destination").asText()).isEqualTo("S3");
      assertThat(row.get("source").asText()).isEqualTo("DirectPut");

      JsonNode described = JSON.readTree(rivulet(null, "firehose", "describe", "clicks", "--output", "json").out());
      JsonNode s3Description = described.at("/DeliveryStreamDescription/Destinations/0/ExtendedS3DestinationDescription");
      assertThat(s3Description.get("Prefix").asText()).isEqualTo("raw/");
      assertThat(s3Description.get("CompressionFormat").asText()).isEqualTo("GZIP");
      assertThat(described.at("/DeliveryStreamDescription/DeliveryStreamStatus").asText()).isEqualTo("ACTIVE");

      Run put = rivulet("alpha\nbeta\ngamma\n", "firehose", "put", "clicks");
      assertThat(put.exit()).as(put.err()).isZero();
      assertThat(put.err()).contains("put 3 record(s) to clicks");
      S3Object object = awaitObject(s3, "cli-out", "raw/");
      assertThat(object.key()).endsWith(".gz");
      assertThat(DirectPutToS3Test.gunzip(s3.getObjectAsBytes(b -> b.bucket("cli-out").key(object.key()))
          .asByteArray())).as("one line per record").isEqualTo("alpha\nbeta\ngamma\n");

      Run delete = rivulet(null, "firehose", "delete", "clicks", "--wait");
      assertThat(delete.exit()).as(delete.err()).isZero();
      assertThat(rivulet(null, "firehose", "list").out()).doesNotContain("clicks");
    }
  }

  @Test
  void createFromAConfigFileWithADataStreamSource() throws Exception {
    String streamArn = FirehoseSdk.dataStream(rivulet, "cli-source");
    Path config = Files.createTempFile("firehose", ".json");
    Files.writeString(config, """
        {"HttpEndpointDestinationConfiguration": {
           "EndpointConfiguration": {"Url": "https://collector.example.com/ingest", "Name": "collector"},
           "BufferingHints": {"SizeInMBs": 2, "IntervalInSeconds": 120},
           "RequestConfiguration": {"ContentEncoding": "GZIP"},
           "S3Configuration": {"RoleARN": "arn:aws:iam::000000000000:role/r", "BucketARN": "arn:aws:s3:::failed"}}}
        """);
    try {
      Run create = rivulet(null, "firehose", "create", "to-collector", "--config", config.toString(),
          "--source-stream", "cli-source");
      assertThat(create.exit()).as(create.err()).isZero();
      assertThat(create.out()).contains("kinesis:cli-source").contains("HttpEndpoint")
          .contains("https://collector.example.com/ingest").contains("2 MiB / 120 s").contains("GZIP");
      assertThat(rivulet.firehose().describeDeliveryStream(b -> b.deliveryStreamName("to-collector"))
          .deliveryStreamDescription().source().kinesisStreamSourceDescription().kinesisStreamARN())
          .isEqualTo(streamArn);
      assertThat(rivulet(null, "firehose", "list", "--type", "KinesisStreamAsSource").out())
          .contains("to-collector");

      Files.writeString(config, """
          {"ExtendedS3DestinationConfiguration": {"BucketARN": "arn:aws:s3:::b", "RoleARN": "r",
             "BufferingHints": {"SizeInMBs": "five"}}}""");
      Run badType = rivulet(null, "firehose", "create", "bad", "--config", config.toString());
      assertThat(badType.exit()).isEqualTo(2);
      assertThat(badType.err().strip()).isEqualTo("error: " + config
          + ": ExtendedS3DestinationConfiguration.BufferingHints.SizeInMBs: expected an integer");
      Files.writeString(config, "{\"ExtendedS3DestinationConfiguration\": {\"Bucket\": \"b\"}}");
      Run badMember = rivulet(null, "firehose", "create", "bad", "--config", config.toString());
      assertThat(badMember.exit()).isEqualTo(2);
      assertThat(badMember.err()).contains("unknown member 'Bucket'; the members are RoleARN, BucketARN");
      Files.writeString(config, "{not json");
      assertThat(rivulet(null, "firehose", "create", "bad", "--config", config.toString()).err())
          .contains("not JSON");
    } finally {
      Files.delete(config);
    }
    Run missing = rivulet(null, "firehose", "create", "bad", "--config", config.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("error: --config " + config + ": no such file");
  }

  @Test
  void badInputAndErrors() throws Exception {
    Run noDestination = rivulet(null, "firehose", "create", "nowhere");
    assertThat(noDestination.exit()).isEqualTo(2);
    assertThat(noDestination.err()).startsWith("error: no destination: give --s3-bucket");
    Run httpWithoutBucket = rivulet(null, "firehose", "create", "h", "--http-url", "https://x.example.com/");
    assertThat(httpWithoutBucket.exit()).isEqualTo(2);
    assertThat(httpWithoutBucket.err()).contains("--http-url needs --s3-bucket");
    Run compression = rivulet(null, "firehose", "create", "c", "--s3-bucket", "b", "--compression", "lz4");
    assertThat(compression.exit()).isEqualTo(2);
    assertThat(compression.err()).contains("expected one of GZIP, HADOOP_SNAPPY, Snappy, UNCOMPRESSED, ZIP");
    Run rejected = rivulet(null, "firehose", "create", "c", "--s3-bucket", "b", "--buffer-mb", "500");
    assertThat(rejected.exit()).as("the server's validation, as AWS words it").isEqualTo(1);
    assertThat(rejected.err()).startsWith("error: ValidationException: 1 validation error detected: Value '500'");
    Run missing = rivulet(null, "firehose", "describe", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip())
        .isEqualTo("error: ResourceNotFoundException: Firehose nope under account 000000000000 not found.");
    Run putMissing = rivulet("x\n", "firehose", "put", "nope");
    assertThat(putMissing.exit()).isEqualTo(1);
    assertThat(putMissing.err()).contains("ResourceNotFoundException");
    Run usage = rivulet(null, "firehose", "describe");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required parameter: 'NAME'");
    Run output = rivulet(null, "firehose", "list", "--output", "yaml");
    assertThat(output.exit()).isEqualTo(2);
    Run help = rivulet(null, "firehose", "create", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("--s3-bucket").contains("--config").contains("--source-stream");
    assertThat(rivulet(null, "firehose", "--help").out()).contains("create").contains("put");
  }

  @Test
  void putRetriesThrottledRecordsUntilTheQuotaAllowsThem() throws Exception {
    rivulet.firehose().createDeliveryStream(b -> b.deliveryStreamName("throttled")
        .extendedS3DestinationConfiguration(FirehoseSdk.s3("throttle-out", 128, 900)));
    // 5,000 records per second of the server's clock: the 11th batch of 500 is refused until the
    // clock moves on, which it does once the server has refused some
    CompletableFuture<Void> tick = CompletableFuture.runAsync(() -> {
      try {
        while (view("throttled").stats().throttledRecords.sum() == 0) {
          Thread.sleep(2);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      clock.advance(Duration.ofSeconds(1));
    });
    Run put = rivulet(lines(6000), "firehose", "put", "throttled");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.err()).contains("put 6000 record(s) to throttled");
    tick.join();
    assertThat(view("throttled").stats().throttledRecords.sum()).isPositive();
    assertThat(view("throttled").stats().incomingRecords.sum()).isEqualTo(6000);
  }

  @Test
  void putGivesUpOnRecordsThatNeverFitAndOnLinesOverTheRecordLimit() throws Exception {
    rivulet.firehose().createDeliveryStream(b -> b.deliveryStreamName("full")
        .extendedS3DestinationConfiguration(FirehoseSdk.s3("full-out", 128, 900)));
    clock.advance(Duration.ofSeconds(1)); // a fresh second of quota, then the clock stands still
    String huge = "x".repeat(1000 * 1024) + "\n"; // 1,000 KiB and its line end
    Run put = rivulet(lines(5000) + huge + lines(20), "firehose", "put", "full", "--quiet");
    assertThat(put.exit()).isEqualTo(1);
    assertThat(put.err()).contains("line 5001: 1024001 bytes is over the 1,000 KiB record limit; not sent")
        .contains("giving up on 20 record(s) after 8 attempts: ServiceUnavailableException: ")
        .contains("put 5000 record(s) to full").contains("; 21 failed");
    assertThat(view("full").stats().incomingRecords.sum()).isEqualTo(5000);
  }

  static S3Object awaitObject(S3Client s3, String bucket, String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<S3Object> found;
    while ((found = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents()).isEmpty()) {
      assertThat(System.nanoTime()).as("an object under %s", prefix).isLessThan(deadline);
      Thread.sleep(20);
    }
    return found.get(0);
  }
}
