package io.rivulet.kms.ops;

import io.rivulet.kms.KeyIds;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsException;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Resources;
import io.rivulet.protocol.auth.AccessRules.Scope;
import io.rivulet.protocol.auth.AuthErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * The KMS subset's authorisation table (used with {@code --auth}), one line per operation, as the
 * Service Authorization Reference lists them: operations on a key act on its key ARN (an alias
 * resolved to its key when it exists), CreateAlias and DeleteAlias on the alias ARN and the key
 * ARN, CreateKey, ListKeys and ListAliases on {@code *}. Key policies are not evaluated.
 * Stateless.
 */
public final class KmsAccess {

  private KmsAccess() {}

  public static AccessRules rules(KeyStore store) {
    Resources key = (in, scope) -> keyArn(store, in.get("KeyId"), scope);
    Resources alias = (in, scope) -> {
      List<String> arns = new ArrayList<>();
      if (in.get("AliasName") instanceof String name) {
        arns.add(KeyIds.aliasArn(scope.region(), scope.account(), name));
        arns.addAll(keyArn(store, in.get("TargetKeyId") != null ? in.get("TargetKeyId") : name,
            scope));
      }
      return arns;
    };
    Resources none = AccessRules.none();
    return AccessRules.builder("kms", "kms", AuthErrors.Style.JSON)
        .on("CreateAlias", alias)
        .on("CreateKey", none)
        .on("DeleteAlias", alias)
        .on("DescribeKey", key)
        .on("DisableKey", key)
        .on("EnableKey", key)
        .on("ListAliases", none)
        .on("ListKeyRotations", key)
        .on("ListKeys", none)
        .on("RotateKeyOnDemand", key)
        .build();
  }

  /** The key ARN a KeyId names (nothing, that is {@code *}, when it names no key). */
  private static List<String> keyArn(KeyStore store, Object keyId, Scope scope) {
    if (!(keyId instanceof String id) || id.isEmpty()) {
      return List.of();
    }
    try {
      KeyIds.Ref r = KeyIds.parse(id);
      if (!r.alias()) {
        return List.of(KeyIds.keyArn(r.regionOr(scope.region()), r.accountOr(scope.account()),
            r.name()));
      }
      return List.of(store.resolve(id, scope.account(), scope.region()).arn());
    } catch (KmsException e) {
      return List.of(); // the operation itself answers the bad or unknown id
    }
  }
}
