package io.rivulet.streams.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsKey;
import io.rivulet.log.FileLogManager;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.log.LogRecord;
import io.rivulet.log.ShardLog;
import io.rivulet.streams.StreamsService;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.PutEntry;
import io.rivulet.streams.api.ReadResult;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamRecord;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory of the first release (encryption under {@code streams/meta/master.key}, any
 * well-formed KeyId accepted unchecked, no key store) opened by this one: the stream's KeyId is
 * adopted into the new key store, old records stay readable, new ones are written in the envelope
 * format under the adopted key.
 */
class UpgradeFromFirstReleaseTest {
  static final String KEY_ID = "arn:aws:kms:us-east-1:000000000000:key/12345678-1234-1234-1234-123456789012";
  @TempDir Path dir;

  StreamsService service(FileLogManager logs, Envelope envelope) {
    StreamsConfig config = StreamsConfig.defaults().withDelays(Duration.ZERO, Duration.ZERO)
        .withUpdateDelay(Duration.ZERO);
    return envelope == null ? new StreamsService(config, Clock.systemUTC(), logs, dir.resolve("meta"))
        : new StreamsService(config, Clock.systemUTC(), logs, dir.resolve("meta"), envelope);
  }

  @Test
  void firstReleaseRecordsStayReadableAndTheirKeyIdIsAdopted() throws Exception {
    StreamKey key = new StreamKey("000000000000", "us-east-1", "old");
    StreamMeta meta;
    try (FileLogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.never())) {
      StreamsService first = service(logs, null);
      first.engine().create(key, 1, "PROVISIONED", Map.of());
      meta = first.engine().update(key, m -> m.withEncryption(KEY_ID)); // as the first release did
      first.close();
    }
    byte[] master = new byte[32];
    master[31] = 42;
    Files.write(dir.resolve("meta/master.key"), master);
    try (FileLogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.never())) {
      ShardLog log = logs.open(meta.logName(meta.shard(0)));
      LogRecord old = RecordCipherTest.firstRelease(master, meta, meta.shard(0), System.currentTimeMillis(), "pk-old",
          "written by the first release".getBytes(UTF_8));
      log.append(List.of(old)).join();
    }

    KeyStore keys = KeyStore.open(dir.resolve("kms"), Clock.systemUTC(), null, List.of());
    assertThat(keys.fresh()).isTrue();
    try (FileLogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.never())) {
      StreamsService now = service(logs, new Envelope(keys));
      KmsKey adopted = keys.byId("12345678-1234-1234-1234-123456789012");
      assertThat(adopted).isNotNull();
      assertThat(adopted.arn()).isEqualTo(KEY_ID);
      StreamId id = now.api().describe("000000000000", "us-east-1", "old").id();
      now.api().append(id, List.of(new PutEntry("pk-new", BigInteger.ONE,
          "written now".getBytes(UTF_8)))).join();
      ReadResult r = now.api().read(id, "shardId-000000000000", Position.trimHorizon(), 10, 1 << 20);
      assertThat(r.records()).extracting(x -> new String(x.data(), UTF_8))
          .containsExactly("written by the first release", "written now");
      assertThat(r.records()).extracting(StreamRecord::partitionKey).containsExactly("pk-old", "pk-new");
      assertThat(r.records()).extracting(StreamRecord::encryptionType).containsOnly("KMS");
      now.close();
    }
    // a later start does not adopt again: the store exists
    assertThat(KeyStore.open(dir.resolve("kms"), Clock.systemUTC(), null, List.of()).fresh()).isFalse();
  }
}
