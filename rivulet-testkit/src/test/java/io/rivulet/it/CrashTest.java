package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.ChildServer;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Nothing acknowledged is lost: a child server JVM (default fsync policy, group commit) takes
 * PutRecords from several writers, is SIGKILLed mid-load, and restarted on the same data
 * directory, 20 times. After each restart every acknowledged record is there with its sequence
 * number and data, each shard's offsets are dense (nothing after a gap), and the order is intact.
 */
class CrashTest {
  static final int CYCLES = Integer.getInteger("rivulet.crash.cycles", 20);
  static final String STREAM = "crash";

  @TempDir Path dataDir;
  ChildServer child;

  @AfterEach
  void stopChild() {
    if (child != null) {
      child.close();
    }
  }

  @Test
  void acknowledgedRecordsSurviveSigkill() throws Exception {
    Map<String, String> acked = new ConcurrentHashMap<>(); // sequence number -> data
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      URI endpoint = startChild();
      try (KinesisClient kinesis = client(endpoint)) {
        if (cycle == 0) {
          kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
          Sdk.awaitActive(kinesis, STREAM);
        }
        verify(kinesis, acked, cycle);
        load(kinesis, acked, cycle, Duration.ofMillis(400 + 50L * (cycle % 7)));
      }
      child.kill(); // SIGKILL mid-load
    }
    URI endpoint = startChild();
    try (KinesisClient kinesis = client(endpoint)) {
      verify(kinesis, acked, CYCLES);
    }
    assertThat(acked).hasSizeGreaterThan(CYCLES * 50);
  }

  private void load(KinesisClient kinesis, Map<String, String> acked, int cycle, Duration before)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      Thread t = new Thread(() -> {
        for (int batch = 0; !stop.get(); batch++) {
          List<PutRecordsRequestEntry> entries = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            String data = "c" + cycle + "-w" + writer + "-b" + batch + "-r" + i;
            entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + (i % 13))
                .data(SdkBytes.fromUtf8String(data)).build());
          }
          PutRecordsResponse r;
          try {
            r = kinesis.putRecords(b -> b.streamName(STREAM).records(entries));
          } catch (RuntimeException e) {
            return; // the server was killed: this batch was never acknowledged
          }
          List<PutRecordsResultEntry> results = r.records();
          for (int i = 0; i < results.size(); i++) {
            if (results.get(i).errorCode() == null) {
              acked.put(results.get(i).sequenceNumber(), entries.get(i).data().asUtf8String());
            }
          }
        }
      });
      t.start();
      writers.add(t);
    }
    Thread.sleep(before.toMillis());
    child.killNow(); // kill while the writers are still writing
    stop.set(true);
    for (Thread t : writers) {
      t.join(30_000);
    }
  }

  private void verify(KinesisClient kinesis, Map<String, String> acked, int cycle) {
    Map<String, String> found = new HashMap<>();
    for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
      String it = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(shard)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      long expectedOffset = 1; // the last 20 digits are the log offset + 1 (SequenceNumbers)
      BigInteger last = BigInteger.valueOf(-1);
      while (it != null) {
        String current = it;
        GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current));
        for (Record rec : r.records()) {
          BigInteger seq = new BigInteger(rec.sequenceNumber());
          assertThat(seq).as("cycle %d: order in %s", cycle, shard).isGreaterThan(last);
          last = seq;
          long offset = Long.parseLong(rec.sequenceNumber().substring(rec.sequenceNumber().length() - 20));
          assertThat(offset).as("cycle %d: dense offsets in %s", cycle, shard).isEqualTo(expectedOffset++);
          found.put(rec.sequenceNumber(), rec.data().asUtf8String());
        }
        if (r.records().isEmpty()) {
          break;
        }
        it = r.nextShardIterator();
      }
    }
    for (Map.Entry<String, String> e : acked.entrySet()) {
      assertThat(found.get(e.getKey())).as("cycle %d: acknowledged record %s", cycle, e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  private URI startChild() {
    child = ChildServer.start(dataDir, "--create-delay-ms", "0");
    return child.endpoint();
  }

  /** A CBOR (the SDK default) client that never retries, so an acknowledgement is the server's. */
  private static KinesisClient client(URI endpoint) {
    return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
          .httpClientBuilder(Apache5HttpClient.builder().maxConnections(8))
          .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
              .apiCallTimeout(Duration.ofSeconds(30)))
          .build();
  }
}
