package io.rivulet.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.s3.EmbeddedS3;
import io.rivulet.firehose.s3.S3Clients;
import io.rivulet.testkit.ChildServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every acknowledged record reaches S3 exactly once across crashes: a child server JVM (default
 * fsync policy) takes PutRecordBatch load on two delivery streams — one delivering all the time
 * (IntervalInSeconds 0), one buffering for 3 s — and is SIGKILLed mid-load (6 times, or
 * {@code -Drivulet.firehose.crash.cycles}), so kills land while
 * records are buffered and while ranges are being delivered; then it is restarted on the same data
 * directory. At the end every acknowledged record is in an S3 object, and no record is in S3 twice
 * (a range redelivered after a crash overwrites the objects it was written to). The S3 server
 * (s3proxy) runs in the test's JVM, so the kills hit the Firehose server only.
 */
class FirehoseCrashTest {
  static final int CYCLES = Integer.getInteger("rivulet.firehose.crash.cycles", 6);
  static final String BUCKET = "crash";
  static final List<String> STREAMS = List.of("delivering", "buffering");
  static final Pattern PENDING = Pattern.compile(
      "deliverystream/(\\S+): delivering buffer range (\\S+) again");
  static final Pattern BUFFERED = Pattern.compile(
      "rivulet_firehose_buffered_bytes\\{[^}]*delivery_stream=\"([^\"]+)\"[^}]*} (\\S+)");

  @TempDir Path dataDir;
  @TempDir Path s3Dir;
  ChildServer child;
  EmbeddedS3 s3Server;

  @AfterEach
  void stopChild() {
    if (child != null) {
      child.close();
    }
    if (s3Server != null) {
      s3Server.close();
    }
  }

  private ChildServer startChild() {
    return ChildServer.start(dataDir, "--create-delay-ms", "0",
        "--s3-endpoint", s3Server.endpoint().toString());
  }

  @Test
  void everyAcknowledgedRecordArrivesOnceInS3() throws Exception {
    Map<String, Set<String>> acked = new HashMap<>();
    STREAMS.forEach(s -> acked.put(s, ConcurrentHashMap.newKeySet()));
    Set<String> redelivered = new java.util.TreeSet<>();
    s3Server = EmbeddedS3.start("127.0.0.1", 0, s3Dir, null);
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      child = startChild();
      redelivered.addAll(redeliveries(child));
      try (FirehoseClient firehose = client(child.endpoint())) {
        if (cycle == 0) {
          create(firehose);
        }
        load(firehose, acked, cycle, Duration.ofMillis(1000 + ThreadLocalRandom.current().nextInt(2000)));
      }
      child.kill();
    }
    child = startChild();
    redelivered.addAll(redeliveries(child));
    System.out.printf("FirehoseCrashTest: %d cycles, ranges in flight at a kill delivered again:"
        + " %s; %s records acknowledged%n", CYCLES, redelivered,
        STREAMS.stream().map(s -> s + " " + acked.get(s).size()).toList());
    awaitEmptyBuffers(child.endpoint());
    try (S3Client s3 = S3Clients.create(s3Server.endpoint(), "us-east-1", "local", "local")) {
      for (String stream : STREAMS) {
        List<String> lines = delivered(s3, stream + "/");
        Map<String, Integer> counts = new HashMap<>();
        lines.forEach(l -> counts.merge(l, 1, Integer::sum));
        assertThat(counts.entrySet()).as("records of %s in S3 more than once", stream)
            .filteredOn(e -> e.getValue() > 1).isEmpty();
        assertThat(counts.keySet()).as("acknowledged records of %s in S3", stream)
            .containsAll(acked.get(stream));
        assertThat(acked.get(stream)).hasSizeGreaterThan(CYCLES * 50);
      }
    }
    child.stop();
  }

  /** The ranges in flight at the last kill that the child announced it delivers again. */
  private static List<String> redeliveries(ChildServer child) {
    List<String> out = new ArrayList<>();
    for (String line : child.output()) {
      Matcher m = PENDING.matcher(line);
      if (m.find()) {
        out.add(m.group(1) + " " + m.group(2));
      }
    }
    return out;
  }

  private void create(FirehoseClient firehose) {
    try (S3Client s3 = S3Clients.create(s3Server.endpoint(), "us-east-1", "local", "local")) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
    for (String stream : STREAMS) {
      int interval = stream.equals("delivering") ? 0 : 3;
      firehose.createDeliveryStream(b -> b.deliveryStreamName(stream)
          .extendedS3DestinationConfiguration(FirehoseSdk.s3(BUCKET, 1, interval).toBuilder()
              .prefix(stream + "/").build()));
    }
  }

  private void load(FirehoseClient firehose, Map<String, Set<String>> acked, int cycle,
      Duration before) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int writer = w;
      Thread t = new Thread(() -> {
        for (int batch = 0; !stop.get(); batch++) {
          String stream = STREAMS.get(batch % 2);
          List<String> data = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            data.add("c" + cycle + "-w" + writer + "-b" + batch + "-r" + i);
          }
          PutRecordBatchResponse r;
          try {
            r = firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(data.stream()
                .map(d -> Record.builder().data(SdkBytes.fromUtf8String(d + "\n")).build()).toList()));
          } catch (RuntimeException e) {
            return; // the server was killed: this batch was never acknowledged
          }
          for (int i = 0; i < data.size(); i++) {
            if (r.requestResponses().get(i).errorCode() == null) {
              acked.get(stream).add(data.get(i));
            }
          }
        }
      });
      t.start();
      writers.add(t);
    }
    Thread.sleep(before.toMillis());
    child.killNow(); // while the writers write and the delivery loops deliver
    stop.set(true);
    for (Thread t : writers) {
      t.join(30_000);
    }
  }

  /** Waits until neither delivery stream has undelivered bytes (the buffering one needs 3 s). */
  private static void awaitEmptyBuffers(URI endpoint) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      String metrics = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Map<String, Double> buffered = new HashMap<>();
      Matcher m = BUFFERED.matcher(metrics);
      while (m.find()) {
        buffered.put(m.group(1), Double.parseDouble(m.group(2)));
      }
      if (buffered.keySet().containsAll(STREAMS) && buffered.values().stream().allMatch(v -> v == 0)) {
        return;
      }
      assertThat(System.nanoTime()).as("buffers still hold %s", buffered).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** Every line of every object under {@code prefix}. */
  private static List<String> delivered(S3Client s3, String prefix) {
    List<String> lines = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents()) {
      String body = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asUtf8String();
      body.lines().forEach(lines::add);
    }
    return lines;
  }

  private static FirehoseClient client(URI endpoint) {
    return FirehoseClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
        .httpClientBuilder(Apache5HttpClient.builder().maxConnections(8))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(Duration.ofSeconds(30)))
        .build();
  }
}
