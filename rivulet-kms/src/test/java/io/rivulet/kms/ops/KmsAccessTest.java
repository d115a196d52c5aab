package io.rivulet.kms.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsKey;
import io.rivulet.kms.KmsService;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Access;
import io.rivulet.protocol.auth.AccessRules.Scope;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every KMS operation has its line, and the lines name KMS's actions and key/alias ARNs. */
class KmsAccessTest {
  private final Scope scope = new Scope("111122223333", "us-east-1");

  @Test
  void everyOperationHasALineSignedForKms() {
    KmsService service = new KmsService(KeyStore.inMemory(Clock.systemUTC()));
    AccessRules rules = service.definition().access();
    assertThat(rules.operations())
        .containsExactlyInAnyOrderElementsOf(service.definition().operations().names());
    assertThat(rules.signingName()).isEqualTo("kms");
    assertThat(service.definition().targetPrefix()).isEqualTo("TrentService");
  }

  @Test
  void keysAliasesAndAccountLevelOperations() {
    KeyStore store = KeyStore.inMemory(Clock.systemUTC());
    KmsKey k = store.createKey("111122223333", "us-east-1", null);
    store.createAlias("111122223333", "us-east-1", "alias/a", k.keyId());
    AccessRules rules = KmsAccess.rules(store);
    assertThat(rules.accessFor("DescribeKey", Map.of("KeyId", k.keyId()), scope))
        .containsExactly(new Access("kms:DescribeKey", k.arn()));
    assertThat(rules.accessFor("RotateKeyOnDemand", Map.of("KeyId", "alias/a"), scope))
        .containsExactly(new Access("kms:RotateKeyOnDemand", k.arn()));
    assertThat(rules.accessFor("CreateAlias", Map.of("AliasName", "alias/b", "TargetKeyId",
        k.keyId()), scope)).containsExactly(
            new Access("kms:CreateAlias", "arn:aws:kms:us-east-1:111122223333:alias/b"),
            new Access("kms:CreateAlias", k.arn()));
    assertThat(rules.accessFor("DescribeKey", Map.of("KeyId", "alias/none"), scope))
        .containsExactly(new Access("kms:DescribeKey", "*"));
    assertThat(rules.accessFor("CreateKey", Map.of(), scope))
        .containsExactly(new Access("kms:CreateKey", "*"));
    assertThat(rules.accessFor("ListKeys", Map.of(), scope))
        .containsExactly(new Access("kms:ListKeys", "*"));
  }
}
