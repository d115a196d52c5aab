package io.rivulet.streams.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.log.FileLogManager;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.streams.StreamsService;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsConfig;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted records bind their offset: concurrent appends to one shard, while encryption is
 * switched on and off and the key rotated, must each land at the offset they were sealed for, so
 * every record reads back (a wrong offset would fail its tag).
 */
class EncryptedAppendsTest {
  static final String ACCOUNT = "000000000000";
  static final String REGION = "us-east-1";
  @TempDir Path dir;

  @Test
  void concurrentAppendsWhileEncryptionFlipsAllReadBack() throws Exception {
    KeyStore keys = KeyStore.open(dir.resolve("kms"), Clock.systemUTC(), null, List.of());
    String keyId = keys.createKey(ACCOUNT, REGION, "flip").keyId();
    FileLogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.never());
    StreamsService service = new StreamsService(StreamsConfig.defaults()
        .withDelays(Duration.ZERO, Duration.ZERO).withUpdateDelay(Duration.ZERO), Clock.systemUTC(),
        logs, dir.resolve("meta"), new Envelope(keys));
    try {
      StreamKey key = new StreamKey(ACCOUNT, REGION, "flip");
      service.engine().create(key, 1, "PROVISIONED", Map.of());
      StreamId id = service.api().describe(ACCOUNT, REGION, "flip").id();
      AtomicBoolean done = new AtomicBoolean();
      Thread flipper = new Thread(() -> {
        for (int i = 0; !done.get(); i++) {
          boolean on = i % 2 == 0;
          service.engine().update(key, m -> m.withEncryption(on ? keyId : null));
          if (i % 7 == 0) {
            keys.rotate(keyId, ACCOUNT, REGION);
          }
          Thread.onSpinWait();
        }
      });
      flipper.start();
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      int threads = 4;
      int batches = 150;
      for (int t = 0; t < threads; t++) {
        int writer = t;
        writers.add(CompletableFuture.runAsync(() -> {
          for (int b = 0; b < batches; b++) {
            List<PutEntry> entries = new ArrayList<>();
            for (int r = 0; r <= b % 4; r++) {
              entries.add(new PutEntry("pk", BigInteger.ONE,
                  (writer + "-" + b + "-" + r).getBytes(UTF_8)));
            }
            assertThat(service.api().append(id, entries).join()).noneMatch(PutResult::failed);
          }
        }));
      }
      CompletableFuture.allOf(writers.toArray(new CompletableFuture<?>[0])).join();
      done.set(true);
      flipper.join();

      Set<String> seen = new HashSet<>();
      Set<String> kinds = new HashSet<>();
      Position at = Position.trimHorizon();
      while (true) {
        ReadResult r = service.api().read(id, "shardId-000000000000", at, 1000, 1 << 22);
        if (r.records().isEmpty()) {
          break;
        }
        r.records().forEach(x -> {
          seen.add(new String(x.data(), UTF_8));
          kinds.add(String.valueOf(x.encryptionType()));
        });
        at = r.next();
      }
      int expected = 0;
      for (int b = 0; b < batches; b++) {
        expected += threads * (b % 4 + 1);
      }
      assertThat(seen).hasSize(expected);
      assertThat(kinds).containsExactlyInAnyOrder("KMS", "null");
      assertThat(keys.byId(keyId).versions().size()).isGreaterThan(1);
    } finally {
      service.close();
      logs.close();
    }
  }
}
