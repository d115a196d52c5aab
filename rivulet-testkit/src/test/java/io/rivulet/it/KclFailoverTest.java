package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * Two KCL 3.5.1 workers (fan-out, KCL's default retrieval) of one application share a 4-shard
 * stream: the survivor runs in this JVM, the victim in a child JVM ({@link KclWorkerMain}). While
 * a producer writes continuously, the victim is SIGKILLed once it holds leases and has
 * checkpointed. Then, in the DynamoDB lease table, every lease the victim held changes owner to
 * the survivor, and the survivor continues each of those shards exactly from the victim's last
 * checkpoint (its first record there is the one after the checkpoint; nothing after it is lost);
 * in the end every record written was processed at least once.
 *
 * <p>Settings that differ from KCL's defaults: those of {@link KclHarness} (endpoint overrides,
 * TRIM_HORIZON, {@code disableWorkerMetrics}) and timing only ({@link #timing}), to bring a
 * takeover from 1-2 minutes down to ~20 s:
 * <ul>
 *   <li>{@code shardSyncIntervalMillis} 5 s (default 60 s: KCL's sleep after its first shard sync);
 *   <li>{@code failoverTimeMillis} 5 s (default 10 s): a lease not renewed for this long is
 *       expired; the leader's assignment runs every 2 x this (10 s instead of 20 s);
 *   <li>{@code workerMetricsReporterFreqInMillis} 5 s (default 30 s): a worker whose metrics entry
 *       is older than 2 x this counts as dead, and until then the leader may hand a dead worker's
 *       expired leases back to it.
 * </ul>
 * The survivor starts first and becomes the leader (the leader lock is held for 120 s, so killing
 * the leader would delay any reassignment by that long). Measured: the takeover ~15 s, the whole
 * test 45-70 s; bounded at 4 minutes.
 */
class KclFailoverTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final String STREAM = "kcl-failover";
  static final String APP = "kcl-failover-app";
  static final int KEYS = 40;

  /** A record as a worker reported it. */
  record Seen(String worker, String shardId, String sequenceNumber, String key, int value) {}

  @TempDir Path tmp;
  private Process child;
  private KclHarness.Worker survivor;
  private final AtomicBoolean producing = new AtomicBoolean(true);
  private Thread producer;
  private final List<KclHarness.Written> written = Collections.synchronizedList(new ArrayList<>());
  private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> victimCheckpoints = new ConcurrentHashMap<>();

  /** The timing settings both workers use (see the class javadoc). */
  static void timing(LeaseManagementConfig leases) {
    leases.shardSyncIntervalMillis(5_000).failoverTimeMillis(5_000);
    leases.workerUtilizationAwareAssignmentConfig().workerMetricsReporterFreqInMillis(5_000);
  }

  @AfterEach
  void stop() throws Exception {
    producing.set(false);
    if (child != null) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (producer != null) {
      producer.join(10_000);
    }
    if (survivor != null) {
      survivor.stop();
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void sigkillOfAWorkerHandsItsLeasesToTheOtherFromTheLastCheckpoint() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    Sdk.createActive(kinesis, STREAM, 4);
    String survivorId = "survivor-" + UUID.randomUUID();
    String victimId = "victim-" + UUID.randomUUID();
    survivor = KclHarness.start(rivulet.endpoint(), STREAM, APP, survivorId, new KclHarness.Sink() {
      @Override
      public void record(String shardId, String sequenceNumber, String partitionKey, int value) {
        seen.add(new Seen(survivorId, shardId, sequenceNumber, partitionKey, value));
      }

      @Override
      public void checkpoint(String shardId, String sequenceNumber) {}
    }, KclFailoverTest::timing);
    try (DynamoDbClient ddb = DynamoDbSdk.client(rivulet.endpoint())) {
      await("the survivor holds the leader lock", 60, () -> survivorId.equals(leader(ddb)));
      startVictim(victimId);
      startProducer(kinesis);

      await("the victim holds a lease and has checkpointed", 150, () -> {
        Map<String, String> owners = KclHarness.leaseAttribute(ddb, APP, "leaseOwner");
        return owners.containsValue(victimId) && victimCheckpoints.keySet().stream()
            .anyMatch(s -> victimId.equals(owners.get(s)));
      });
      Thread.sleep(2_000); // records keep flowing to both workers
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      int killMark = seen.size(); // the survivor's records from here on came after the kill

      Map<String, Map<String, AttributeValue>> atKill = KclHarness.leases(ddb, APP);
      Map<String, String> checkpointAtKill = new HashMap<>();
      atKill.forEach((shard, item) -> {
        if (item.containsKey("leaseOwner") && victimId.equals(item.get("leaseOwner").s())) {
          checkpointAtKill.put(shard, item.get("checkpoint").s());
        }
      });
      assertThat(checkpointAtKill).as("leases the victim held when killed").isNotEmpty();
      Set<String> victimShards = checkpointAtKill.keySet();
      long killed = System.nanoTime();

      await("the survivor owns the victim's leases and reads their shards", 120, () -> {
        Map<String, String> owners = KclHarness.leaseAttribute(ddb, APP, "leaseOwner");
        return victimShards.stream().allMatch(s -> survivorId.equals(owners.get(s))
            && !seenBy(survivorId, s, killMark).isEmpty());
      });
      System.out.printf("victim held %s at the kill (checkpoints %s); the survivor took over after %d ms%n",
          victimShards, checkpointAtKill, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
      Thread.sleep(2_000);
      producing.set(false);
      producer.join(10_000);
      List<KclHarness.Written> all;
      synchronized (written) {
        all = new ArrayList<>(written);
      }
      await("every record processed at least once", 60, () -> missing(all).isEmpty());

      Map<String, List<KclHarness.Written>> byShard = new HashMap<>();
      for (KclHarness.Written w : all) {
        byShard.computeIfAbsent(w.shardId(), k -> new ArrayList<>()).add(w);
      }
      for (String shard : victimShards) {
        String checkpoint = checkpointAtKill.get(shard);
        List<KclHarness.Written> shardRecords = byShard.get(shard);
        int next = 0; // index of the first record after the checkpoint
        if (!checkpoint.equals("TRIM_HORIZON")) {
          while (next < shardRecords.size() && !shardRecords.get(next).sequenceNumber().equals(checkpoint)) {
            next++;
          }
          assertThat(next).as("%s: checkpoint %s is a record of the shard", shard, checkpoint)
              .isLessThan(shardRecords.size());
          next++;
          String lastReported = victimCheckpoints.get(shard);
          assertThat(lastReported == null || compare(lastReported, checkpoint) <= 0)
              .as("%s: the lease holds the victim's last acknowledged checkpoint", shard).isTrue();
        }
        List<Seen> bySurvivor = seenBy(survivorId, shard, killMark);
        List<String> expected = new ArrayList<>();
        for (int i = next; i < shardRecords.size(); i++) {
          expected.add(shardRecords.get(i).sequenceNumber());
        }
        assertThat(bySurvivor).extracting(Seen::sequenceNumber)
            .as("%s: the survivor continues from checkpoint %s, without gaps", shard, checkpoint)
            .isEqualTo(expected);
      }
      assertThat(missing(all)).as("records never processed").isEmpty();
    }
  }

  /** The owner of KCL's leader lock item, or null (no lock, or no lease table yet). */
  private static String leader(DynamoDbClient ddb) {
    try {
      Map<String, AttributeValue> item =
          ddb.getItem(b -> b.tableName(APP).key(Map.of("leaseKey", AttributeValue.fromS("Leader")))
              .consistentRead(true)).item();
      return item == null || !item.containsKey("ownerName") ? null : item.get("ownerName").s();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  private List<Seen> seenBy(String worker, String shard, int from) {
    synchronized (seen) {
      return seen.subList(from, seen.size()).stream().filter(s -> s.worker().equals(worker) && s.shardId().equals(shard)).toList();
    }
  }

  private Set<String> missing(List<KclHarness.Written> all) {
    Set<String> processed = new HashSet<>();
    synchronized (seen) {
      seen.forEach(s -> processed.add(s.sequenceNumber()));
    }
    Set<String> out = new HashSet<>();
    for (KclHarness.Written w : all) {
      if (!processed.contains(w.sequenceNumber())) {
        out.add(w.shardId() + "/" + w.sequenceNumber());
      }
    }
    return out;
  }

  private static int compare(String a, String b) {
    return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
  }

  private void startProducer(KinesisClient kinesis) {
    producer = new Thread(() -> {
      for (int next = 0; producing.get(); next += 20) {
        written.addAll(KclHarness.put(kinesis, STREAM, next, next + 20, KEYS));
        Sdk.sleep(100);
      }
    }, "kcl-failover-producer");
    producer.start();
  }

  private void startVictim(String victimId) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), KclWorkerMain.class.getName(),
        rivulet.endpoint().toString(), STREAM, APP, victimId);
    Path log = tmp.resolve("victim.log");
    pb.redirectError(log.toFile());
    child = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    assertThat(first).as("the victim started; its log:\n%s", Files.exists(log) ? Files.readString(log) : "")
        .isEqualTo("STARTED");
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          String[] f = line.split(" ");
          if (f[0].equals("R")) {
            seen.add(new Seen(victimId, f[1], f[2], f[3], Integer.parseInt(f[4])));
          } else if (f[0].equals("C")) {
            victimCheckpoints.put(f[1], f[2]);
          }
        }
      } catch (IOException ignored) {
        // the victim was killed
      }
    }, "kcl-victim-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("within %d s: %s", seconds, what).isLessThan(deadline);
      Thread.sleep(250);
    }
  }
}
