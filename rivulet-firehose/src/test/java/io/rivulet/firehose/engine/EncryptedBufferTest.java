package io.rivulet.firehose.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsKey;
import io.rivulet.log.FileLogManager;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.log.LogEntry;
import io.rivulet.log.ShardLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery stream's buffer with encryption: concurrent encrypted and plaintext appends each land
 * where they were sealed for and read back decrypted, also after a reopen; a tampered record on
 * disk (batch CRC kept valid) fails the read and is counted, and its plaintext never comes out.
 */
class EncryptedBufferTest {
  static final String NAME = "000000000000/us-east-1/enc-1700000000000";
  @TempDir Path dir;

  DeliveryBuffer buffer(FileLogManager logs, KeyStore keys, LongAdder failures) {
    ShardLog log = logs.open(NAME);
    return new DeliveryBuffer(log, 1_700_000_000_000L,
        new BufferCipher(new Envelope(keys), NAME, failures));
  }

  List<String> readAll(DeliveryBuffer b) {
    List<String> out = new ArrayList<>();
    for (LogEntry e : b.read(b.startOffset(), 100_000, Long.MAX_VALUE)) {
      out.add(new String(e.value(), UTF_8));
    }
    return out;
  }

  @Test
  void concurrentEncryptedAndPlainAppendsReadBackAfterAReopen() throws Exception {
    KeyStore keys = KeyStore.open(dir.resolve("kms"), Clock.systemUTC(), null, List.of());
    KmsKey owned = keys.owned(BufferCipher.OWNER);
    LongAdder failures = new LongAdder();
    Set<String> written = new HashSet<>();
    try (FileLogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.never())) {
      DeliveryBuffer b = buffer(logs, keys, failures);
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int writer = t;
        writers.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < 100; i++) {
            List<byte[]> records = new ArrayList<>();
            for (int r = 0; r <= i % 3; r++) {
              records.add(("w" + writer + "-" + i + "-" + r).getBytes(UTF_8));
            }
            (i % 2 == 0 ? b.appendEncrypted(records, 1_000L + i, owned)
                : b.append(records, 1_000L + i)).join();
          }
        }));
      }
      CompletableFuture.allOf(writers.toArray(new CompletableFuture<?>[0])).join();
      for (int t = 0; t < 4; t++) {
        for (int i = 0; i < 100; i++) {
          for (int r = 0; r <= i % 3; r++) {
            written.add("w" + t + "-" + i + "-" + r);
          }
        }
      }
      assertThat(readAll(b)).containsExactlyInAnyOrderElementsOf(written);
      assertThat(b.undeliveredBytes()).isEqualTo(written.stream().mapToLong(String::length).sum());
    }
    try (FileLogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.never())) {
      DeliveryBuffer again = buffer(logs,
          KeyStore.open(dir.resolve("kms"), Clock.systemUTC(), null, List.of()), failures);
      again.recount(0);
      assertThat(readAll(again)).containsExactlyInAnyOrderElementsOf(written);
      assertThat(again.undeliveredBytes()).as("recounted as plaintext")
          .isEqualTo(written.stream().mapToLong(String::length).sum());
    }
    assertThat(failures.sum()).isZero();
  }

  @Test
  void aTamperedRecordFailsTheReadAndIsCounted() throws IOException {
    KeyStore keys = KeyStore.inMemory(Clock.systemUTC());
    LongAdder failures = new LongAdder();
    try (FileLogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.never())) {
      DeliveryBuffer b = buffer(logs, keys, failures);
      b.appendEncrypted(List.of("MARKER-secret".getBytes(UTF_8)), 5L, keys.owned("firehose")).join();
    }
    Path segment;
    try (Stream<Path> files = Files.walk(dir.resolve("logs"))) {
      segment = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    byte[] file = Files.readAllBytes(segment);
    assertThat(new String(file, UTF_8)).doesNotContain("MARKER");
    int value = 29 + 4 + 8 + 4 + 4; // batch header, attributes, timestamp, key length, value length
    file[value + 82 + 6] ^= 1;
    int end = ByteBuffer.wrap(file, 8, 4).getInt() + 12;
    CRC32C crc = new CRC32C();
    crc.update(file, 17, end - 17);
    ByteBuffer.wrap(file, 13, 4).putInt((int) crc.getValue());
    Files.write(segment, file);
    try (FileLogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.never())) {
      DeliveryBuffer b = buffer(logs, keys, failures);
      assertThatThrownBy(() -> b.read(0, 10, 1 << 20)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot decrypt record 0 of the buffer " + NAME)
          .hasMessageNotContaining("MARKER");
    }
    assertThat(failures.sum()).isEqualTo(1);
  }
}
