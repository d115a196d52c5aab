package io.rivulet.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsKey;
import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.protocol.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class BufferCipherTest {
  static final String NAME = "000000000000/us-east-1/clicks-1700000000000";
  final KeyStore store = KeyStore.inMemory(Clock.systemUTC());
  final LongAdder failures = new LongAdder();
  final BufferCipher cipher = new BufferCipher(new Envelope(store), NAME, failures);

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static LogEntry stored(LogRecord r, long offset) {
    return new LogEntry(offset, r.timestamp(), r.key(), r.value(), r.attributes());
  }

  @Test
  void recordsAndTheirSourceMetadataRoundTripUnderTheOwnedKey() {
    KmsKey owned = BufferCipher.key(store, new Encryption(Encryption.ENABLED, "AWS_OWNED_CMK", null),
        "000000000000", "us-east-1");
    assertThat(owned.manager()).isEqualTo(KmsKey.OWNED);
    List<LogRecord> batch = cipher.seal(owned, 40, 7L, List.of(utf8("MARKER-a"), utf8("b")),
        Arrays.asList(utf8("meta"), null));
    assertThat(batch).allSatisfy(r -> {
      assertThat(r.attributes()).isEqualTo(2);
      assertThat(new String(r.value(), StandardCharsets.ISO_8859_1)).doesNotContain("MARKER", "meta");
    });
    LogEntry a = cipher.open(stored(batch.get(0), 40));
    assertThat(a.value()).isEqualTo(utf8("MARKER-a"));
    assertThat(a.key()).isEqualTo(utf8("meta"));
    assertThat(a.attributes()).isZero();
    LogEntry b = cipher.open(stored(batch.get(1), 41));
    assertThat(b.value()).isEqualTo(utf8("b"));
    assertThat(b.key()).isNull();
    LogEntry plain = new LogEntry(3, 1L, null, utf8("plain"), 0);
    assertThat(cipher.open(plain)).isSameAs(plain);
  }

  @Test
  void rotationTamperingAndAnotherBufferAreTold() {
    KmsKey k = store.createKey("000000000000", "us-east-1", null);
    Encryption customer = new Encryption(Encryption.ENABLED, "CUSTOMER_MANAGED_CMK", k.arn());
    LogRecord before = cipher.seal(BufferCipher.key(store, customer, "000000000000", "us-east-1"),
        0, 1L, List.of(utf8("v1")), null).get(0);
    store.rotate(k.keyId(), "000000000000", "us-east-1");
    LogRecord after = cipher.seal(BufferCipher.key(store, customer, "000000000000", "us-east-1"),
        1, 2L, List.of(utf8("v2")), null).get(0);
    assertThat(cipher.open(stored(before, 0)).value()).isEqualTo(utf8("v1"));
    assertThat(cipher.open(stored(after, 1)).value()).isEqualTo(utf8("v2"));
    for (int i = 0; i < after.value().length; i++) {
      byte[] v = after.value().clone();
      v[i] ^= 0x10;
      LogEntry tampered = new LogEntry(1, 2L, after.key(), v, after.attributes());
      assertThatThrownBy(() -> cipher.open(tampered)).as("byte %d", i)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot decrypt record 1");
    }
    assertThat(failures.sum()).isEqualTo(after.value().length);
    assertThatThrownBy(() -> cipher.open(stored(after, 2))).as("another offset");
    BufferCipher other = new BufferCipher(new Envelope(store), NAME + "x", failures);
    assertThatThrownBy(() -> other.open(stored(after, 1))).as("another buffer")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unknownAndDisabledKeysAreInvalidKmsResource() {
    Encryption unknown = new Encryption(Encryption.ENABLING, "CUSTOMER_MANAGED_CMK",
        "arn:aws:kms:us-east-1:000000000000:key/12345678-1234-1234-1234-123456789012");
    assertThatThrownBy(() -> BufferCipher.key(store, unknown, "000000000000", "us-east-1"))
        .isInstanceOf(AwsException.class)
        .hasMessage("Key 'arn:aws:kms:us-east-1:000000000000:key/12345678-1234-1234-1234-123456789012'"
            + " does not exist")
        .satisfies(e -> {
          assertThat(((AwsException) e).code().type()).isEqualTo("InvalidKMSResourceException");
          assertThat(((AwsException) e).extraMembers()).containsEntry("code", "KMS.NotFoundException");
        });
    KmsKey k = store.createKey("000000000000", "us-east-1", null);
    store.setEnabled(k.keyId(), "000000000000", "us-east-1", false);
    assertThatThrownBy(() -> BufferCipher.key(store, new Encryption(Encryption.ENABLED,
        "CUSTOMER_MANAGED_CMK", k.arn()), "000000000000", "us-east-1"))
        .satisfies(e -> assertThat(((AwsException) e).extraMembers())
            .containsEntry("code", "KMS.DisabledException"));
  }
}
