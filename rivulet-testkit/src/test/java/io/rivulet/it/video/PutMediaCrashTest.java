package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.testkit.ChildServer;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.video.MkvSource;
import io.rivulet.testkit.video.PutMediaClient;
import io.rivulet.video.store.FileFragmentStore;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;

/**
 * Every PERSISTED fragment survives a crash: a child server JVM (default fsync policy: group)
 * takes a PutMedia session from the producer-like client and is SIGKILLed mid-upload (twice, or
 * {@code -Drivulet.video.crash.cycles} times), restarted on the same data directory after each
 * kill but the last, where it recovers the fragment files (cutting torn tails) and takes a new
 * session whose fragment numbers are greater than every earlier one. At the end the store is
 * opened (and so recovered) on the data directory as the server opens it: every fragment that
 * was acknowledged PERSISTED is there with exactly the frames sent.
 */
@Timeout(300)
class PutMediaCrashTest {
  static final int CYCLES = Integer.getInteger("rivulet.video.crash.cycles", 2);

  @TempDir Path dataDir;
  @TempDir Path videoDir;
  ChildServer child;
  PutMediaClient client;

  @AfterEach
  void stopChild() {
    if (child != null) {
      child.close();
    }
  }

  @Test
  void everyPersistedFragmentIsReadableAfterSigkill() throws Exception {
    MkvSource source = MkvSource.read(MkvSource.ffmpeg(videoDir, 3));
    long base = System.currentTimeMillis();
    Map<String, Long> persisted = new TreeMap<>(); // fragment number -> fragment index k
    String arn = null;
    String lastNumber = "";
    long k = 0;
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      child = ChildServer.start(dataDir, "--create-delay-ms", "0");
      if (cycle == 0) {
        try (KinesisVideoClient kvs = Clients.kinesisVideoWithoutRetries(child.endpoint())) {
          arn = kvs.createStream(b -> b.streamName("crash").dataRetentionInHours(24))
              .streamARN();
        }
      }
      Map<String, Long> acked = upload(source, base, k, Duration.ofMillis(
          1000 + ThreadLocalRandom.current().nextInt(1500)));
      child.kill(); // SIGKILL in the middle of the session
      client.close();
      assertThat(acked).as("PERSISTED acks in cycle %d", cycle).isNotEmpty();
      assertThat(acked.keySet().iterator().next()).isGreaterThan(lastNumber);
      lastNumber = ((TreeMap<String, Long>) acked).lastKey();
      persisted.putAll(acked);
      k = acked.values().stream().mapToLong(Long::longValue).max().orElse(k) + 10;
    }
    System.out.printf("PutMediaCrashTest: %d cycles, %d fragments PERSISTED%n", CYCLES,
        persisted.size());
    try (FileFragmentStore store = FileFragmentStore.open(
        dataDir.resolve("video").resolve("fragments"), FsyncPolicy.group(), Clock.systemUTC(),
        FileFragmentStore.Config.defaults(), a -> OptionalInt.of(24))) {
      List<String> stored = store.list(arn, TimestampKind.SERVER_TIMESTAMP, null, null, null,
          10_000).stream().map(FragmentInfo::fragmentNumber).toList();
      assertThat(stored).containsAll(persisted.keySet());
      for (Map.Entry<String, Long> e : persisted.entrySet()) {
        Fragment f = store.read(arn, e.getKey());
        int cluster = (int) (e.getValue() % source.clusters().size());
        assertThat(f.info().producerTimestamp().toEpochMilli()).isEqualTo(base + e.getValue() * 1000);
        assertThat(f.frames()).hasSameSizeAs(source.clusters().get(cluster));
        for (int i = 0; i < f.frames().size(); i++) {
          assertThat(f.frames().get(i).data())
              .isEqualTo(source.clusters().get(cluster).get(i).data());
        }
      }
    }
  }

  /**
   * Sends fragments k, k+1, … (timecode base + k s) until {@code before} has passed, then returns
   * the PERSISTED acks seen so far (number to k), leaving the session open for the kill.
   */
  private Map<String, Long> upload(MkvSource source, long base, long first, Duration before)
      throws IOException, InterruptedException {
    client = PutMediaClient.connect(child.endpoint(),
        PutMediaClient.Options.absolute("crash"));
    assertThat(client.status()).isEqualTo(200);
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      try {
        client.start(source.tracks());
        for (long k = first; !stop.get(); k++) {
          client.putFragment(base + k * 1000,
              source.clusters().get((int) (k % source.clusters().size())), Map.of());
        }
      } catch (IOException e) {
        // the server was killed
      }
    }, "crash-writer");
    writer.start();
    Thread.sleep(before.toMillis());
    Map<String, Long> acked = new TreeMap<>();
    for (JsonNode a : client.acks("PERSISTED")) {
      acked.put(a.get("FragmentNumber").asText(),
          (a.get("FragmentTimecode").asLong() - base) / 1000);
    }
    stop.set(true);
    return acked;
  }
}
