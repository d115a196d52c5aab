package io.rivulet.it;

import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.createActive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.server.KmsOptions;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kms.model.KeyManagerType;

/**
 * A key store wrapped by a master key and a key id the operator configured: the configured ARN is
 * created on first use by StartStreamEncryption; the file holds no key material in the clear; the
 * server refuses to start without the master key, or with another one, and reads everything back
 * with the right one.
 */
class KmsMasterKeyTest {
  static final byte[] MASTER = Base64.getDecoder().decode("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=");
  static final String CONFIGURED = "arn:aws:kms:us-east-1:000000000000:key/0f0e0d0c-0b0a-4909-8807-060504030201";
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension()
      .withKms(KmsOptions.withMasterKey(MASTER, List.of(CONFIGURED)));

  @Test
  void aWrappedKeyStoreNeedsItsMasterKeyToStart() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    createActive(kinesis, "wrapped", 1);
    kinesis.startStreamEncryption(b -> b.streamName("wrapped").encryptionType(EncryptionType.KMS)
        .keyId(CONFIGURED));
    assertThat(rivulet.kms().describeKey(b -> b.keyId(CONFIGURED)).keyMetadata().keyManager())
        .isEqualTo(KeyManagerType.CUSTOMER);
    kinesis.putRecord(b -> b.streamName("wrapped").partitionKey("p").data(bytes("MARKER-wrapped")));
    String file = Files.readString(rivulet.dataDir().resolve("kms/keys.json"));
    assertThat(file).contains("\"masterKeyCheck\"", "0f0e0d0c-0b0a-4909-8807-060504030201");
    byte[] material = rivulet.server().kms().store().byId("0f0e0d0c-0b0a-4909-8807-060504030201")
        .current().material();
    assertThat(file).doesNotContain(Base64.getEncoder().encodeToString(material));

    assertThatThrownBy(() -> rivulet.restart(KmsOptions.none()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(KmsOptions.ENV);
    byte[] other = MASTER.clone();
    other[0] ^= 1;
    assertThatThrownBy(() -> rivulet.restart(KmsOptions.withMasterKey(other, List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another master key");

    rivulet.restart(KmsOptions.withMasterKey(MASTER, List.of()));
    KinesisClient again = rivulet.sync(WireMode.JSON);
    assertThat(Sdk.drain(again, Sdk.iterator(again, "wrapped", "shardId-000000000000",
        ShardIteratorType.TRIM_HORIZON))).extracting(r -> r.data().asUtf8String())
        .containsExactly("MARKER-wrapped");
  }
}
