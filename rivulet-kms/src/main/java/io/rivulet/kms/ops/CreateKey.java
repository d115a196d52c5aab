package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsError;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.Set;

/**
 * CreateKey: a customer managed symmetric encryption key in the caller's account and region, with
 * fresh 256-bit material. Other key specs, usages, origins, custom key stores and multi-Region
 * keys are UnsupportedOperationException; a key policy is accepted and not evaluated, tags are
 * accepted and not kept.
 */
public final class CreateKey extends KmsOperation<CreateKey.Input, CreateKey.Output> {
  private static final Set<String> UNSUPPORTED_ORIGINS = Set.of("EXTERNAL", "AWS_CLOUDHSM",
      "EXTERNAL_KEY_STORE");

  public record Input(String policy, String description, String keyUsage,
      String customerMasterKeySpec, String keySpec, String origin, String customKeyStoreId,
      Boolean bypassPolicyLockoutSafetyCheck, List<Object> tags, Boolean multiRegion,
      String xksKeyId) {}

  public record Output(KeyMetadata keyMetadata) {}

  public CreateKey(KeyStore store) {
    super(store, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    String spec = in.keySpec() != null ? in.keySpec() : in.customerMasterKeySpec();
    if ((spec != null && !spec.equals("SYMMETRIC_DEFAULT"))
        || (in.keyUsage() != null && !in.keyUsage().equals("ENCRYPT_DECRYPT"))
        || (in.origin() != null && UNSUPPORTED_ORIGINS.contains(in.origin()))
        || in.customKeyStoreId() != null || in.xksKeyId() != null
        || Boolean.TRUE.equals(in.multiRegion())) {
      throw KmsError.UNSUPPORTED_OPERATION.with("Rivulet's key store makes symmetric encryption"
          + " keys only (KeySpec SYMMETRIC_DEFAULT, KeyUsage ENCRYPT_DECRYPT, Origin AWS_KMS,"
          + " single-Region)");
    }
    return new Output(KeyMetadata.of(store.createKey(ctx.accountId(), ctx.region(),
        in.description())));
  }
}
