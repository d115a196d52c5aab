package io.rivulet.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsKey;
import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.protocol.AwsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCipherTest {
  static final byte[] DATA = "secret payload".getBytes(StandardCharsets.UTF_8);
  static final String ACCOUNT = "000000000000";
  static final String REGION = "us-east-1";
  @TempDir Path dir;
  KeyStore keys;
  RecordCipher cipher;
  ShardStats stats;

  @BeforeEach
  void setUp() {
    keys = KeyStore.open(dir.resolve("kms"), Clock.systemUTC(), null, List.of());
    cipher = new RecordCipher(dir, new Envelope(keys));
    stats = new ShardStats(Clock.systemUTC(), CapacityConfig.defaults());
  }

  static StreamMeta stream(String keyId) {
    ShardMeta s0 = new ShardMeta(0, "0", "1", null, null, 1L, null, null);
    ShardMeta s1 = new ShardMeta(1, "2", HashKeys.MAX.toString(), null, null, 1L, null, null);
    StreamMeta m = new StreamMeta(ACCOUNT, REGION, "s", 1L, StreamMeta.ACTIVE,
        "PROVISIONED", 24, Map.of(), List.of(s0, s1), "NONE", null, List.of(), 1024, 1L, 2);
    return keyId == null ? m : m.withEncryption(keyId);
  }

  static List<DataPlane.PutEntry> entries(String... keys) {
    return java.util.Arrays.stream(keys).map(k -> new DataPlane.PutEntry(k, null, DATA)).toList();
  }

  static LogEntry stored(LogRecord r, long offset) {
    return new LogEntry(offset, r.timestamp(), r.key(), r.value(), r.attributes());
  }

  RecordCipher.Opened open(StreamMeta m, int shard, LogEntry e) {
    return cipher.open(m, m.shard(shard), e, stats);
  }

  static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @Test
  void aBatchIsSealedUnderOneFreshDataKeyWrappedByTheStreamsKey() {
    StreamMeta m = stream("alias/aws/kinesis");
    List<LogRecord> batch = cipher.seal(m, m.shard(0), 42L, 100, entries("pk-é", "pk-2"));
    LogRecord r = batch.get(0);
    assertThat(r.attributes()).isEqualTo(2);
    assertThat(r.key()).isEmpty();
    assertThat(latin1(r.value())).doesNotContain("secret", "pk-");
    assertThat(r.value()).hasSize(Envelope.BLOB_BYTES + 2 + "pk-é".getBytes(StandardCharsets.UTF_8).length
        + DATA.length + 16);
    // both records carry the same wrapped data key; another batch gets another one
    byte[] blob = java.util.Arrays.copyOf(r.value(), Envelope.BLOB_BYTES);
    assertThat(java.util.Arrays.copyOf(batch.get(1).value(), Envelope.BLOB_BYTES)).isEqualTo(blob);
    byte[] next = cipher.seal(m, m.shard(0), 42L, 102, entries("x")).get(0).value();
    assertThat(java.util.Arrays.copyOf(next, Envelope.BLOB_BYTES)).isNotEqualTo(blob);

    RecordCipher.Opened o = open(m, 0, stored(r, 100));
    assertThat(o.partitionKey()).isEqualTo("pk-é");
    assertThat(o.data()).isEqualTo(DATA);
    assertThat(o.encrypted()).isTrue();
    assertThat(open(m, 0, stored(batch.get(1), 101)).partitionKey()).isEqualTo("pk-2");
    // the managed key was created on first use, in the stream's account and region
    assertThat(keys.resolve("alias/aws/kinesis", ACCOUNT, REGION).manager()).isEqualTo(KmsKey.AWS);
  }

  @Test
  void recordsWrittenBeforeAndAfterARotationAreReadableAfterARestart() {
    KmsKey k = keys.createKey(ACCOUNT, REGION, "orders");
    keys.createAlias(ACCOUNT, REGION, "alias/orders", k.keyId());
    StreamMeta m = stream("alias/orders");
    LogRecord before = cipher.seal(m, m.shard(0), 1L, 0, entries("a")).get(0);
    keys.rotate("alias/orders", ACCOUNT, REGION);
    LogRecord after = cipher.seal(m, m.shard(0), 2L, 1, entries("b")).get(0);
    assertThat(ByteBuffer.wrap(before.value(), 18, 4).getInt()).as("key version").isEqualTo(1);
    assertThat(ByteBuffer.wrap(after.value(), 18, 4).getInt()).isEqualTo(2);

    KeyStore reopened = KeyStore.open(dir.resolve("kms"), Clock.systemUTC(), null, List.of());
    RecordCipher again = new RecordCipher(dir, new Envelope(reopened));
    StreamMeta stopped = m.withEncryption(null);
    assertThat(again.open(stopped, m.shard(0), stored(before, 0), stats).partitionKey()).isEqualTo("a");
    assertThat(again.open(stopped, m.shard(0), stored(after, 1), stats).partitionKey()).isEqualTo("b");
  }

  @Test
  void anyChangedByteOrAMovedRecordIsRefusedReportedAndNeverReturned() {
    StreamMeta m = stream("alias/aws/kinesis");
    LogRecord r = cipher.seal(m, m.shard(0), 9L, 5, entries("k")).get(0);
    for (int i = 0; i < r.value().length; i++) {
      byte[] v = r.value().clone();
      v[i] ^= 0x01;
      LogEntry tampered = new LogEntry(5, 9L, r.key(), v, r.attributes());
      String inKeyId = i >= 1 && i < 22 ? "KMSNotFoundException" : "-";
      assertThatThrownBy(() -> open(m, 0, tampered)).as("byte %d", i)
          .isInstanceOf(AwsException.class).satisfies(e -> assertThat(((AwsException) e).code()
              .type()).isIn("InternalFailure", inKeyId));
    }
    assertThat(stats.decryptionFailures.sum()).isEqualTo(r.value().length);
    List<LogEntry> moved = List.of(
        new LogEntry(5, 10L, r.key(), r.value(), r.attributes()), // another arrival time
        new LogEntry(6, 9L, r.key(), r.value(), r.attributes()), // another offset of the shard
        new LogEntry(5, 9L, r.key(), r.value(), 2 | 1 << 8)); // other attributes
    for (LogEntry e : moved) {
      assertThatThrownBy(() -> open(m, 0, e)).isInstanceOf(AwsException.class);
    }
    assertThatThrownBy(() -> open(m, 1, stored(r, 5))).as("moved to another shard")
        .isInstanceOf(AwsException.class).hasMessage("Internal service failure.");
    assertThat(open(m, 0, stored(r, 5)).data()).isEqualTo(DATA);
  }

  @Test
  void unknownAndDisabledKeysAreKmsErrors() {
    KmsKey k = keys.createKey(ACCOUNT, REGION, null);
    StreamMeta m = stream(k.arn());
    LogRecord r = cipher.seal(m, m.shard(0), 1L, 0, entries("k")).get(0);
    RecordCipher otherStore = new RecordCipher(dir);
    assertThatThrownBy(() -> otherStore.open(m, m.shard(0), stored(r, 0), stats))
        .isInstanceOf(AwsException.class)
        .satisfies(e -> assertThat(((AwsException) e).code().type()).isEqualTo("KMSNotFoundException"));
    assertThatThrownBy(() -> cipher.checkKey("alias/nope", ACCOUNT, REGION))
        .satisfies(e -> assertThat(((AwsException) e).code().type()).isEqualTo("KMSNotFoundException"))
        .hasMessage("Alias arn:aws:kms:us-east-1:000000000000:alias/nope is not found.");
    keys.setEnabled(k.keyId(), ACCOUNT, REGION, false);
    for (Runnable call : List.<Runnable>of(() -> open(m, 0, stored(r, 0)),
        () -> cipher.seal(m, m.shard(0), 1L, 1, entries("k")),
        () -> cipher.checkKey(k.keyId(), ACCOUNT, REGION))) {
      assertThatThrownBy(call::run).isInstanceOf(AwsException.class)
          .satisfies(e -> assertThat(((AwsException) e).code().type()).isEqualTo("KMSDisabledException"));
    }
    assertThat(stats.decryptionFailures.sum())
        .as("a key the store does not have is reported; a disabled one is not").isEqualTo(1);
  }

  @Test
  void plaintextRecordsAreStoredAndReadAsBefore() {
    StreamMeta plain = stream(null);
    LogRecord p = cipher.seal(plain, plain.shard(0), 1L, 0, entries("k")).get(0);
    assertThat(p.attributes()).isZero();
    assertThat(p.key()).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
    assertThat(p.value()).isEqualTo(DATA);
    RecordCipher.Opened o = open(plain.withEncryption("alias/aws/kinesis"), 0, stored(p, 0));
    assertThat(o.encrypted()).isFalse();
    assertThat(o.data()).isEqualTo(DATA);
  }

  /** A record as the first release's RecordCipher sealed it (scheme 1, master.key, HKDF). */
  static LogRecord firstRelease(byte[] master, StreamMeta m, ShardMeta shard, long timestamp,
      String pk, byte[] data) throws Exception {
    int attributes = m.keyVersion() << 8 | 1;
    byte[] key = LegacyKeys.hkdf(master, RecordCipher.SALT.getBytes(StandardCharsets.UTF_8),
        ("v1|" + m.logPrefix() + "|" + m.keyId()).getBytes(StandardCharsets.UTF_8));
    byte[] pkb = pk.getBytes(StandardCharsets.UTF_8);
    ByteBuffer plain = ByteBuffer.allocate(2 + pkb.length + data.length);
    plain.putShort((short) pkb.length).put(pkb).put(data);
    byte[] nonce = HexFormat.of().parseHex("000102030405060708090a0b");
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    byte[] name = m.logName(shard).getBytes(StandardCharsets.UTF_8);
    c.updateAAD(ByteBuffer.allocate(12 + name.length).putInt(attributes).putLong(timestamp)
        .put(name).array());
    byte[] ct = c.doFinal(plain.array());
    byte[] value = new byte[12 + ct.length];
    System.arraycopy(nonce, 0, value, 0, 12);
    System.arraycopy(ct, 0, value, 12, ct.length);
    return new LogRecord(timestamp, new byte[0], value, attributes);
  }

  @Test
  void recordsOfTheFirstReleaseStayReadable() throws Exception {
    byte[] master = new byte[32];
    master[0] = 7;
    Files.write(dir.resolve("master.key"), master);
    StreamMeta first = stream("alias/one");
    StreamMeta second = first.withEncryption("arn:aws:kms:us-east-1:123456789012:alias/two");
    LogRecord a = firstRelease(master, first, first.shard(0), 2L, "k1", DATA);
    LogRecord b = firstRelease(master, second, second.shard(0), 3L, "k2", DATA);
    StreamMeta now = second.withEncryption(null);
    assertThat(open(now, 0, stored(a, 0)).partitionKey()).isEqualTo("k1");
    assertThat(open(now, 0, stored(b, 1)).partitionKey()).isEqualTo("k2");
    assertThat(open(now, 0, stored(b, 1)).data()).isEqualTo(DATA);
    byte[] v = b.value().clone();
    v[20] ^= 1;
    assertThatThrownBy(() -> open(now, 0, new LogEntry(1, 3L, b.key(), v, b.attributes())))
        .hasMessage("Internal service failure.");
    // without its master key such a record cannot be read, and no new master key is made
    RecordCipher withoutMaster = new RecordCipher(dir.resolve("elsewhere"));
    assertThatThrownBy(() -> withoutMaster.open(now, now.shard(0), stored(a, 0), stats))
        .hasMessage("Internal service failure.");
    assertThat(dir.resolve("elsewhere")).doesNotExist();
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    byte[] ikm = new byte[22];
    java.util.Arrays.fill(ikm, (byte) 0x0b);
    byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c");
    byte[] info = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9");
    assertThat(HexFormat.of().formatHex(LegacyKeys.hkdf(ikm, salt, info)))
        .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
  }
}
