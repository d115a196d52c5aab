package io.rivulet.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStoreTest {
  static final String ACCOUNT = "111122223333";
  static final String REGION = "eu-west-1";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;

  KeyStore open(byte[] master, String... configured) {
    return KeyStore.open(dir.resolve("kms"), CLOCK, master, List.of(configured));
  }

  /** The KMS error {@code r} throws. */
  static KmsError errorOf(Runnable r) {
    try {
      r.run();
    } catch (KmsException e) {
      return e.error();
    }
    throw new AssertionError("no KmsException");
  }

  @Test
  void aKeyIsFoundByItsIdArnAliasAndAliasArnInItsAccountAndRegionOnly() {
    KeyStore store = open(null);
    KmsKey k = store.createKey(ACCOUNT, REGION, "orders");
    store.createAlias(ACCOUNT, REGION, "alias/orders", k.keyId());
    assertThat(k.arn()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/" + k.keyId());
    for (String name : List.of(k.keyId(), k.arn(), "alias/orders",
        "arn:aws:kms:eu-west-1:111122223333:alias/orders", k.keyId().toUpperCase())) {
      assertThat(store.resolve(name, ACCOUNT, REGION).keyId()).as(name).isEqualTo(k.keyId());
    }
    // an ARN names its own account and region, whoever asks
    assertThat(store.resolve(k.arn(), "000000000000", "us-east-1").keyId()).isEqualTo(k.keyId());
    assertThat(errorOf(() -> store.resolve(k.keyId(), "000000000000", REGION)))
        .isEqualTo(KmsError.NOT_FOUND);
    assertThat(errorOf(() -> store.resolve("alias/orders", ACCOUNT, "us-east-1")))
        .isEqualTo(KmsError.NOT_FOUND);
    assertThatThrownBy(() -> store.resolve("alias/none", ACCOUNT, REGION))
        .hasMessage("Alias arn:aws:kms:eu-west-1:111122223333:alias/none is not found.");
    assertThatThrownBy(() -> store.resolve("12345678-1234-1234-1234-123456789012", ACCOUNT, REGION))
        .hasMessage("Key 'arn:aws:kms:eu-west-1:111122223333:key/12345678-1234-1234-1234-123456789012'"
            + " does not exist");
    assertThat(errorOf(() -> store.resolve("arn:aws:kms:eu-west-1:111122223333:bucket/x", ACCOUNT,
        REGION))).isEqualTo(KmsError.INVALID_ARN);
    assertThat(errorOf(() -> store.resolve("not-a-key", ACCOUNT, REGION)))
        .isEqualTo(KmsError.NOT_FOUND);
  }

  @Test
  void theKinesisManagedKeyIsCreatedOnFirstUsePerAccountAndRegion() {
    KeyStore store = open(null);
    assertThat(store.keys(ACCOUNT, REGION)).isEmpty();
    KmsKey k = store.resolve(KeyStore.KINESIS_ALIAS, ACCOUNT, REGION);
    assertThat(k.manager()).isEqualTo(KmsKey.AWS);
    assertThat(store.resolve("alias/aws/kinesis", ACCOUNT, REGION)).isEqualTo(k);
    assertThat(store.aliases(ACCOUNT, REGION)).extracting(KeyStore.Alias::name)
        .containsExactly("alias/aws/kinesis");
    assertThat(store.resolve(KeyStore.KINESIS_ALIAS, ACCOUNT, "us-east-1").keyId())
        .isNotEqualTo(k.keyId());
    // AWS managed keys are not the customer's to rotate, disable or alias
    assertThat(errorOf(() -> store.rotate(k.keyId(), ACCOUNT, REGION)))
        .isEqualTo(KmsError.UNSUPPORTED_OPERATION);
    assertThat(errorOf(() -> store.createAlias(ACCOUNT, REGION, "alias/mine", k.keyId())))
        .isEqualTo(KmsError.UNSUPPORTED_OPERATION);
    assertThat(errorOf(() -> store.createAlias(ACCOUNT, REGION, "alias/aws/mine",
        store.createKey(ACCOUNT, REGION, null).keyId()))).isEqualTo(KmsError.INVALID_ALIAS_NAME);
    // other alias/aws/ names are not made up
    assertThat(errorOf(() -> store.resolve("alias/aws/s3", ACCOUNT, REGION)))
        .isEqualTo(KmsError.NOT_FOUND);
  }

  @Test
  void idsTheOperatorConfiguredAreCreatedOnFirstUseWithExactlyThatName() {
    String arn = "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-0000-4000-8000-00000000abcd";
    KeyStore store = open(null, arn, "alias/app", "mrk-0123456789abcdef0123456789abcdef");
    assertThat(store.keys(ACCOUNT, REGION)).isEmpty();
    assertThat(store.resolve(arn, "000000000000", "us-east-1").arn()).isEqualTo(arn);
    KmsKey app = store.resolve("arn:aws:kms:us-west-2:444455556666:alias/app", ACCOUNT, REGION);
    assertThat(app.account()).isEqualTo("444455556666");
    assertThat(store.resolve("alias/app", "444455556666", "us-west-2")).isEqualTo(app);
    assertThat(store.resolve("mrk-0123456789abcdef0123456789abcdef", ACCOUNT, REGION).arn())
        .isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef");
    assertThat(errorOf(() -> store.resolve("alias/other", ACCOUNT, REGION)))
        .isEqualTo(KmsError.NOT_FOUND);
    assertThatThrownBy(() -> open(null, "arn:aws:kms:bad")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--kms-key arn:aws:kms:bad");
  }

  @Test
  void rotationAddsAVersionAndDisablingIsKept() {
    KeyStore store = open(null);
    KmsKey k = store.createKey(ACCOUNT, REGION, "d");
    KmsKey rotated = store.rotate(k.arn(), "000000000000", "us-east-1");
    assertThat(rotated.versions()).hasSize(2);
    assertThat(rotated.version(1).material()).isEqualTo(k.current().material());
    assertThat(rotated.current().material()).isNotEqualTo(k.current().material());
    assertThat(rotated.current().rotationType()).isEqualTo("ON_DEMAND");
    store.setEnabled(k.keyId(), ACCOUNT, REGION, false);
    assertThat(errorOf(() -> KeyStore.requireEnabled(store.byId(k.keyId()))))
        .isEqualTo(KmsError.DISABLED);
    assertThat(errorOf(() -> store.rotate(k.keyId(), ACCOUNT, REGION)))
        .isEqualTo(KmsError.DISABLED);
    KeyStore reopened = open(null);
    assertThat(reopened.byId(k.keyId()).enabled()).isFalse();
    assertThat(reopened.byId(k.keyId()).versions()).extracting(v -> HexFormat.of().formatHex(v.material()))
        .containsExactly(HexFormat.of().formatHex(rotated.version(1).material()),
            HexFormat.of().formatHex(rotated.version(2).material()));
  }

  @Test
  void theFileIsPrivateAndHoldsEverythingAcrossARestart() throws Exception {
    KeyStore store = open(null);
    assertThat(store.fresh()).isTrue();
    assertThat(Files.exists(dir.resolve("kms"))).isFalse();
    KmsKey k = store.createKey(ACCOUNT, REGION, "kept");
    store.createAlias(ACCOUNT, REGION, "alias/kept", k.keyId());
    Path file = dir.resolve("kms/keys.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("kms"))))
        .isEqualTo("rwx------");
    KmsKey owned = store.owned("firehose");
    KeyStore again = open(null);
    assertThat(again.fresh()).isFalse();
    assertThat(again.resolve("alias/kept", ACCOUNT, REGION).current().material())
        .isEqualTo(k.current().material());
    assertThat(again.owned("firehose").keyId()).isEqualTo(owned.keyId());
    assertThat(again.keys("rivulet", "local")).as("owned keys are never listed").isEmpty();
    assertThat(Files.readString(file)).contains("\"description\" : \"kept\"");
  }

  @Test
  void aMasterKeyWrapsTheMaterialAndMustBeGivenAgain() throws Exception {
    byte[] master = Aead.random(32);
    KmsKey k = open(null).createKey(ACCOUNT, REGION, "before the master key");
    String plain = Files.readString(dir.resolve("kms/keys.json"));
    String material = java.util.Base64.getEncoder().encodeToString(k.current().material());
    assertThat(plain).contains(material);

    KeyStore wrapped = open(master); // a plain store is wrapped at once
    String text = Files.readString(dir.resolve("kms/keys.json"));
    assertThat(text).contains("masterKeyCheck").doesNotContain(material);
    assertThat(wrapped.byId(k.keyId()).current().material()).isEqualTo(k.current().material());
    assertThat(open(master).byId(k.keyId()).current().material()).isEqualTo(k.current().material());

    assertThatThrownBy(() -> open(null)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("is wrapped by a master key").hasMessageContaining("RIVULET_KMS_MASTER_KEY");
    assertThatThrownBy(() -> open(Aead.random(32))).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("another master key");
    // material moved between versions (or altered) fails its tag
    String moved = text.replaceFirst("\"material\" : \"[^\"]+\"", "\"material\" : \""
        + java.util.Base64.getEncoder().encodeToString(Aead.seal(master, new byte[32],
            "elsewhere".getBytes(StandardCharsets.UTF_8))) + "\"");
    Files.writeString(dir.resolve("kms/keys.json"), moved);
    assertThatThrownBy(() -> open(master)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("fails its authentication tag");
    assertThatThrownBy(() -> open(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aliasesAreCreatedOnceAndDeleted() {
    KeyStore store = open(null);
    KmsKey k = store.createKey(ACCOUNT, REGION, null);
    store.createAlias(ACCOUNT, REGION, "alias/a", k.arn());
    assertThat(errorOf(() -> store.createAlias(ACCOUNT, REGION, "alias/a", k.keyId())))
        .isEqualTo(KmsError.ALREADY_EXISTS);
    assertThat(errorOf(() -> store.createAlias(ACCOUNT, REGION, "nope", k.keyId())))
        .isEqualTo(KmsError.INVALID_ALIAS_NAME);
    store.deleteAlias(ACCOUNT, REGION, "alias/a");
    assertThat(errorOf(() -> store.deleteAlias(ACCOUNT, REGION, "alias/a")))
        .isEqualTo(KmsError.NOT_FOUND);
    assertThat(store.byId(k.keyId())).isNotNull();
  }
}
