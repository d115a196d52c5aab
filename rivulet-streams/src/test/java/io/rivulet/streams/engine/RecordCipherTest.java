package io.rivulet.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCipherTest {
  static final byte[] DATA = "secret payload".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;

  static StreamMeta stream(String keyId) {
    ShardMeta s0 = new ShardMeta(0, "0", "1", null, null, 1L, null, null);
    ShardMeta s1 = new ShardMeta(1, "2", HashKeys.MAX.toString(), null, null, 1L, null, null);
    StreamMeta m = new StreamMeta("000000000000", "us-east-1", "s", 1L, StreamMeta.ACTIVE,
        "PROVISIONED", 24, Map.of(), List.of(s0, s1), "NONE", null, List.of(), 1024, 1L, 2);
    return keyId == null ? m : m.withEncryption(keyId);
  }

  static LogEntry stored(LogRecord r, long offset) {
    return new LogEntry(offset, r.timestamp(), r.key(), r.value(), r.attributes());
  }

  @Test
  void encryptsUnderTheStreamsKeyAndReadsBack() {
    RecordCipher cipher = new RecordCipher(dir);
    StreamMeta m = stream("alias/aws/kinesis");
    ShardMeta shard = m.shard(0);
    LogRecord r = cipher.seal(m, shard, 42L, "pk-é", DATA);
    assertThat(r.attributes()).isEqualTo(1 << 8 | 1);
    assertThat(r.key()).isEmpty();
    assertThat(new String(r.value(), StandardCharsets.ISO_8859_1)).doesNotContain("secret", "pk-");
    assertThat(r.value()).hasSize(12 + 2 + "pk-é".getBytes(StandardCharsets.UTF_8).length
        + DATA.length + 16);
    RecordCipher.Opened o = cipher.open(m, shard, stored(r, 7));
    assertThat(o.partitionKey()).isEqualTo("pk-é");
    assertThat(o.data()).isEqualTo(DATA);
    assertThat(o.encrypted()).isTrue();
    // two seals of the same record differ (random nonce)
    assertThat(cipher.seal(m, shard, 42L, "pk-é", DATA).value()).isNotEqualTo(r.value());
  }

  @Test
  void plaintextRecordsAndOldKeysStayReadableAfterStopAndRekey() {
    RecordCipher cipher = new RecordCipher(dir);
    StreamMeta plain = stream(null);
    ShardMeta shard = plain.shard(0);
    LogRecord p = cipher.seal(plain, shard, 1L, "k", DATA);
    assertThat(p.attributes()).isZero();
    assertThat(p.value()).isEqualTo(DATA);
    StreamMeta first = plain.withEncryption("alias/one");
    LogRecord a = cipher.seal(first, shard, 2L, "k", DATA);
    StreamMeta second = first.withEncryption("arn:aws:kms:us-east-1:123456789012:alias/two");
    LogRecord b = cipher.seal(second, shard, 3L, "k", DATA);
    assertThat(b.attributes() >>> 8).isEqualTo(2);
    StreamMeta stopped = second.withEncryption(null);
    for (LogRecord r : List.of(p, a, b)) {
      assertThat(cipher.open(stopped, shard, stored(r, 0)).data()).isEqualTo(DATA);
    }
    assertThat(cipher.open(stopped, shard, stored(p, 0)).encrypted()).isFalse();
  }

  @Test
  void theMasterKeyIsCreatedOnceAndKeptInTheStateDirectory() throws Exception {
    StreamMeta m = stream("alias/aws/kinesis");
    LogRecord r = new RecordCipher(dir).seal(m, m.shard(0), 5L, "k", DATA);
    assertThat(Files.size(dir.resolve("master.key"))).isEqualTo(32);
    assertThat(new RecordCipher(dir).open(m, m.shard(0), stored(r, 0)).data()).isEqualTo(DATA);
    // another master key cannot read it
    assertThatThrownBy(() -> new RecordCipher(null).open(m, m.shard(0), stored(r, 0)))
        .isInstanceOf(AwsException.class).hasMessage("Internal service failure.");
  }

  @Test
  void anyChangedByteOrAMovedRecordFailsInsteadOfReturningWrongData() {
    RecordCipher cipher = new RecordCipher(dir);
    StreamMeta m = stream("alias/aws/kinesis");
    LogRecord r = cipher.seal(m, m.shard(0), 9L, "k", DATA);
    for (int i = 0; i < r.value().length; i++) {
      byte[] v = r.value().clone();
      v[i] ^= 0x01;
      LogEntry tampered = new LogEntry(0, 9L, r.key(), v, r.attributes());
      assertThatThrownBy(() -> cipher.open(m, m.shard(0), tampered))
          .as("byte %d", i).isInstanceOf(AwsException.class);
    }
    LogEntry otherTime = new LogEntry(0, 10L, r.key(), r.value(), r.attributes());
    assertThatThrownBy(() -> cipher.open(m, m.shard(0), otherTime)).isInstanceOf(AwsException.class);
    LogEntry unknownVersion = new LogEntry(0, 9L, r.key(), r.value(), 2 << 8 | 1);
    assertThatThrownBy(() -> cipher.open(m, m.shard(0), unknownVersion))
        .isInstanceOf(AwsException.class);
    assertThatThrownBy(() -> cipher.open(m, m.shard(1), stored(r, 0)))
        .as("moved to another shard").isInstanceOf(AwsException.class);
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    byte[] ikm = new byte[22];
    java.util.Arrays.fill(ikm, (byte) 0x0b);
    byte[] salt = java.util.HexFormat.of().parseHex("000102030405060708090a0b0c");
    byte[] info = java.util.HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9");
    assertThat(java.util.HexFormat.of().formatHex(RecordCipher.hkdf(ikm, salt, info)))
        .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
  }
}
