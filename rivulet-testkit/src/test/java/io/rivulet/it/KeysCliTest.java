package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.it.Launcher.Run;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;

/**
 * {@code ./rivulet keys create|list|describe|rotate|disable|enable} through the real launcher
 * against a live server, and a stream encrypted under the key it made.
 */
class KeysCliTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static Run rivulet(String... args) throws IOException, InterruptedException {
    return Launcher.run(rivulet.endpoint(), null, args);
  }

  static JsonNode json(Run r) throws IOException {
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void createListRotateDisableAndUseAKey() throws Exception {
    JsonNode created = json(rivulet("keys", "create", "--alias", "alias/cli-orders",
        "--description", "orders at rest", "--output", "json")).get(0);
    String keyId = created.get("key_id").asText();
    assertThat(created.get("arn").asText()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + keyId);
    assertThat(created.get("aliases").asText()).isEqualTo("alias/cli-orders");
    assertThat(created.get("versions").asInt()).isEqualTo(1);
    assertThat(created.get("state").asText()).isEqualTo("Enabled");

    Run table = rivulet("keys", "list");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).contains("KEY_ID", keyId, "alias/cli-orders", "orders at rest");

    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    Sdk.createActive(kinesis, "cli-encrypted", 1);
    kinesis.startStreamEncryption(b -> b.streamName("cli-encrypted").encryptionType(EncryptionType.KMS)
        .keyId("alias/cli-orders"));
    kinesis.putRecord(b -> b.streamName("cli-encrypted").partitionKey("p").data(Sdk.bytes("one")));

    JsonNode rotated = json(rivulet("keys", "rotate", "alias/cli-orders", "--output", "json")).get(0);
    assertThat(rotated.get("versions").asInt()).isEqualTo(2);
    kinesis.putRecord(b -> b.streamName("cli-encrypted").partitionKey("p").data(Sdk.bytes("two")));
    assertThat(json(rivulet("keys", "describe", keyId, "--output", "json")).get(0).get("versions").asInt())
        .isEqualTo(2);

    assertThat(json(rivulet("keys", "disable", keyId, "--output", "json")).get(0).get("state").asText())
        .isEqualTo("Disabled");
    assertThat(json(rivulet("keys", "enable", keyId, "--output", "json")).get(0).get("state").asText())
        .isEqualTo("Enabled");
    assertThat(Sdk.drain(kinesis, Sdk.iterator(kinesis, "cli-encrypted", "shardId-000000000000",
        software.amazon.awssdk.services.kinesis.model.ShardIteratorType.TRIM_HORIZON)))
        .extracting(r -> r.data().asUtf8String()).containsExactly("one", "two");

    Run missing = rivulet("keys", "rotate", "alias/none");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("error: NotFoundException: Alias "
        + "arn:aws:kms:us-east-1:000000000000:alias/none is not found.");
  }
}
