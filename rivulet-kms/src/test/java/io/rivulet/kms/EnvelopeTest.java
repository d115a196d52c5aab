package io.rivulet.kms;

import static io.rivulet.kms.KeyStoreTest.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeTest {
  static final byte[] CONTEXT = "kinesis|000000000000/us-east-1/s-1/shardId-000000000000"
      .getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;

  @Test
  void aDataKeyUnwrapsToItselfUnderItsContextOnly() {
    KeyStore store = KeyStore.inMemory(Clock.systemUTC());
    Envelope env = new Envelope(store);
    KmsKey k = store.createKey("000000000000", "us-east-1", null);
    Envelope.DataKey dk = env.generate(k, CONTEXT);
    assertThat(dk.wrapped()).hasSize(Envelope.BLOB_BYTES);
    assertThat(dk.keyVersion()).isEqualTo(1);
    assertThat(dk.keyArn()).isEqualTo(k.arn());
    assertThat(env.unwrap(dk.wrapped(), 0, CONTEXT).getEncoded()).isEqualTo(dk.key().getEncoded());
    // a fresh Envelope (no cache) agrees
    assertThat(new Envelope(store).unwrap(dk.wrapped(), 0, CONTEXT).getEncoded())
        .isEqualTo(dk.key().getEncoded());
    assertThat(env.generate(k, CONTEXT).key().getEncoded()).isNotEqualTo(dk.key().getEncoded());
    assertThat(errorOf(() -> env.unwrap(dk.wrapped(), 0, "other".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(KmsError.INVALID_CIPHERTEXT);
    assertThat(env.describe(dk.wrapped(), 0)).isEqualTo(k.arn() + " version 1");
  }

  @Test
  void dataKeysWrappedBeforeARotationStayReadableAndNewOnesUseTheNewVersion() {
    KeyStore store = KeyStore.open(dir, Clock.systemUTC(), null, List.of());
    Envelope env = new Envelope(store);
    KmsKey k = store.createKey("000000000000", "us-east-1", null);
    Envelope.DataKey before = env.generate(k, CONTEXT);
    KmsKey rotated = store.rotate(k.keyId(), "000000000000", "us-east-1");
    Envelope.DataKey after = env.generate(rotated, CONTEXT);
    assertThat(after.keyVersion()).isEqualTo(2);
    Envelope reopened = new Envelope(KeyStore.open(dir, Clock.systemUTC(), null, List.of()));
    assertThat(reopened.unwrap(before.wrapped(), 0, CONTEXT).getEncoded())
        .isEqualTo(before.key().getEncoded());
    assertThat(reopened.unwrap(after.wrapped(), 0, CONTEXT).getEncoded())
        .isEqualTo(after.key().getEncoded());
  }

  @Test
  void everyChangedByteIsRefusedAndNothingIsReturned() {
    KeyStore store = KeyStore.inMemory(Clock.systemUTC());
    KmsKey k = store.createKey("000000000000", "us-east-1", null);
    store.rotate(k.keyId(), "000000000000", "us-east-1");
    Envelope.DataKey dk = new Envelope(store).generate(store.byId(k.keyId()), CONTEXT);
    for (int i = 0; i < Envelope.BLOB_BYTES; i++) {
      byte[] b = dk.wrapped().clone();
      b[i] ^= 0x01;
      Envelope fresh = new Envelope(store);
      assertThat(errorOf(() -> fresh.unwrap(b, 0, CONTEXT))).as("byte %d", i)
          .isIn(KmsError.INVALID_CIPHERTEXT, KmsError.NOT_FOUND);
    }
    // the version byte pointing at version 1 (which exists) still fails: the tag binds it
    byte[] v1 = dk.wrapped().clone();
    v1[21] = 1;
    assertThat(errorOf(() -> new Envelope(store).unwrap(v1, 0, CONTEXT)))
        .isEqualTo(KmsError.INVALID_CIPHERTEXT);
    assertThat(errorOf(() -> new Envelope(store).unwrap(new byte[10], 0, CONTEXT)))
        .isEqualTo(KmsError.INVALID_CIPHERTEXT);
  }

  @Test
  void aDisabledUnknownOrOtherStoresKeyCannotUnwrap() {
    KeyStore store = KeyStore.inMemory(Clock.systemUTC());
    Envelope env = new Envelope(store);
    KmsKey k = store.createKey("000000000000", "us-east-1", null);
    Envelope.DataKey dk = env.generate(k, CONTEXT);
    SecretKey cached = env.unwrap(dk.wrapped(), 0, CONTEXT);
    assertThat(cached).isNotNull();
    store.setEnabled(k.keyId(), "000000000000", "us-east-1", false);
    assertThat(errorOf(() -> env.unwrap(dk.wrapped(), 0, CONTEXT))).as("even when cached")
        .isEqualTo(KmsError.DISABLED);
    assertThat(errorOf(() -> env.generate(store.byId(k.keyId()), CONTEXT)))
        .isEqualTo(KmsError.DISABLED);
    assertThat(errorOf(() -> new Envelope(KeyStore.inMemory(Clock.systemUTC()))
        .unwrap(dk.wrapped(), 0, CONTEXT))).isEqualTo(KmsError.NOT_FOUND);
  }

  @Test
  void keyIdsHaveABinaryForm() {
    for (String id : List.of("0a1b2c3d-0000-4000-8000-00000000abcd",
        "mrk-0123456789abcdef0123456789abcdef")) {
      assertThat(KeyIds.fromBinary(KeyIds.binary(id), 0)).isEqualTo(id);
    }
    assertThat(KeyIds.fromBinary(new byte[17], 0)).isNull();
  }
}
