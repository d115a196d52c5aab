package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * Encryption at rest under keys of the local key store, through the SDK's Kinesis and KMS clients:
 * StartStreamEncryption with a key made by CreateKey and CreateAlias, records before and after
 * RotateKeyOnDemand (each wrapped data key names its version on disk) readable, also after a
 * restart; unknown and disabled keys answered as Kinesis answers them; the KMS subset's shapes.
 */
@ParameterizedClass
@EnumSource(WireMode.class)
class KmsEncryptionTest {
  static final String SHARD = "shardId-000000000000";
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Parameter WireMode mode;
  KinesisClient kinesis;
  KmsClient kms;
  String stream;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    kms = rivulet.kms();
    stream = "kms-" + mode.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  void start(String keyId) {
    kinesis.startStreamEncryption(b -> b.streamName(stream).encryptionType(EncryptionType.KMS).keyId(keyId));
  }

  void put(String data) {
    assertThat(kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes(data)))
        .encryptionType()).isEqualTo(EncryptionType.KMS);
  }

  List<String> readAll(KinesisClient k) {
    return Sdk.drain(k, Sdk.iterator(k, stream, SHARD, ShardIteratorType.TRIM_HORIZON)).stream()
        .map(r -> r.data().asUtf8String()).toList();
  }

  /** The shard's segment bytes: one record per batch in these tests. */
  byte[] segment() throws IOException {
    Path account = rivulet.dataDir().resolve("streams/logs/000000000000/us-east-1");
    try (Stream<Path> dirs = Files.list(account)) {
      Path d = dirs.filter(p -> p.getFileName().toString().startsWith(stream + "-")).findFirst()
          .orElseThrow();
      try (Stream<Path> files = Files.list(d.resolve(SHARD))) {
        Path log = files.filter(p -> p.toString().endsWith(".log")).sorted().findFirst().orElseThrow();
        return Files.readAllBytes(log);
      }
    }
  }

  /** The key version each record's wrapped data key names (docs/FORMAT.md). */
  List<Integer> keyVersionsOnDisk() throws IOException {
    byte[] file = segment();
    List<Integer> versions = new ArrayList<>();
    for (int at = 0; at + 12 <= file.length; ) {
      int length = ByteBuffer.wrap(file, at + 8, 4).getInt();
      if (length == 0) {
        break;
      }
      int value = at + 29 + 4 + 8 + 4 + 4; // batch header, attributes, timestamp, key length (0), value length
      versions.add(ByteBuffer.wrap(file, value + 18, 4).getInt());
      at += length + 12;
    }
    return versions;
  }

  @Test
  void recordsBeforeAndAfterARotationStayReadableAcrossARestart() throws IOException {
    KeyMetadata key = kms.createKey(b -> b.description("orders " + stream)).keyMetadata();
    String alias = "alias/" + stream;
    kms.createAlias(b -> b.aliasName(alias).targetKeyId(key.keyId()));
    createActive(kinesis, stream, 1);
    start(alias);
    put("v1-" + stream);
    assertThat(readAll(kinesis)).containsExactly("v1-" + stream);

    assertThat(kms.rotateKeyOnDemand(b -> b.keyId(alias)).keyId()).isEqualTo(key.keyId());
    assertThat(kms.listKeyRotations(b -> b.keyId(key.arn())).rotations()).hasSize(1)
        .allSatisfy(r -> assertThat(r.rotationTypeAsString()).isEqualTo("ON_DEMAND"));
    assertThat(kms.describeKey(b -> b.keyId(alias)).keyMetadata().currentKeyMaterialId())
        .isNotEqualTo(key.currentKeyMaterialId());
    put("v2-" + stream);
    assertThat(readAll(kinesis)).containsExactly("v1-" + stream, "v2-" + stream);
    assertThat(keyVersionsOnDisk()).containsExactly(1, 2);
    String disk = new String(segment(), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(disk).doesNotContain("v1-" + stream, "v2-" + stream);

    rivulet.restart();
    KinesisClient again = rivulet.sync(mode);
    assertThat(readAll(again)).containsExactly("v1-" + stream, "v2-" + stream);
    kinesis = again;
    put("v2-after-restart");
    assertThat(readAll(again)).containsExactly("v1-" + stream, "v2-" + stream, "v2-after-restart");
    assertThat(keyVersionsOnDisk()).containsExactly(1, 2, 2);
  }

  @Test
  void anUnknownKeyIdIsKmsNotFoundAndChangesNothing() {
    createActive(kinesis, stream, 1);
    assertError(error(() -> start("alias/none-" + stream)), "KMSNotFoundException", 400,
        "Alias arn:aws:kms:us-east-1:000000000000:alias/none-" + stream + " is not found.");
    String uuid = "12345678-1234-1234-1234-123456789012";
    assertError(error(() -> start(uuid)), "KMSNotFoundException", 400,
        "Key 'arn:aws:kms:us-east-1:000000000000:key/" + uuid + "' does not exist");
    assertError(error(() -> start("arn:aws:kms:eu-west-1:111122223333:key/" + uuid)),
        "KMSNotFoundException", 400,
        "Key 'arn:aws:kms:eu-west-1:111122223333:key/" + uuid + "' does not exist");
    assertThat(kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
        .encryptionType()).isEqualTo(EncryptionType.NONE);
  }

  @Test
  void aDisabledKeyRefusesWritesAndReadsUntilEnabled() {
    String keyId = kms.createKey(b -> { }).keyMetadata().keyId();
    createActive(kinesis, stream, 1);
    start(keyId);
    put("before-disable");
    kms.disableKey(b -> b.keyId(keyId));
    assertThat(kms.describeKey(b -> b.keyId(keyId)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
    String disabled = "arn:aws:kms:us-east-1:000000000000:key/" + keyId + " is disabled.";
    assertError(error(() -> put("refused")), "KMSDisabledException", 400, disabled);
    String it = Sdk.iterator(kinesis, stream, SHARD, ShardIteratorType.TRIM_HORIZON);
    assertError(error(() -> kinesis.getRecords(b -> b.shardIterator(it))), "KMSDisabledException", 400,
        disabled);
    assertError(error(() -> start(keyId)), "KMSDisabledException", 400, disabled);
    kms.enableKey(b -> b.keyId(keyId));
    put("after-enable");
    assertThat(readAll(kinesis)).containsExactly("before-disable", "after-enable");
  }

  @Test
  void theKmsSubsetDescribesListsAndRefusesAsKms() throws IOException {
    KeyMetadata managed = kms.describeKey(b -> b.keyId("alias/aws/kinesis")).keyMetadata();
    assertThat(managed.keyManager()).isEqualTo(KeyManagerType.AWS);
    assertThat(managed.arn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + managed.keyId());
    assertThat(managed.keySpecAsString()).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(managed.keyUsageAsString()).isEqualTo("ENCRYPT_DECRYPT");
    assertThat(managed.enabled()).isTrue();
    assertThat(kms.listKeysPaginator(b -> b.limit(1)).keys()).extracting(KeyListEntry::keyId)
        .contains(managed.keyId());
    assertThat(kms.listAliases(b -> b.keyId(managed.keyId())).aliases())
        .extracting(AliasListEntry::aliasName).containsExactly("alias/aws/kinesis");
    assertThat(error(() -> kms.rotateKeyOnDemand(b -> b.keyId("alias/aws/kinesis")))
        .awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperationException");
    String keyId = kms.createKey(b -> { }).keyMetadata().keyId();
    assertThat(error(() -> kms.createAlias(b -> b.aliasName("alias/aws/" + stream).targetKeyId(keyId)))
        .awsErrorDetails().errorCode()).isEqualTo("InvalidAliasNameException");
    kms.createAlias(b -> b.aliasName("alias/x-" + stream).targetKeyId(keyId));
    assertThat(error(() -> kms.createAlias(b -> b.aliasName("alias/x-" + stream).targetKeyId(keyId)))
        .awsErrorDetails().errorCode()).isEqualTo("AlreadyExistsException");
    assertThat(error(() -> kms.describeKey(b -> b.keyId("alias/missing"))).awsErrorDetails().errorCode())
        .isEqualTo("NotFoundException");
    assertThat(error(() -> kms.createKey(b -> b.keySpec("RSA_2048").keyUsage("SIGN_VERIFY")))
        .awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperationException");
    assertThat(error(() -> kms.encrypt(b -> b.keyId(keyId).plaintext(bytes("x"))))
        .awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
    Path file = rivulet.dataDir().resolve("kms/keys.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }
}
