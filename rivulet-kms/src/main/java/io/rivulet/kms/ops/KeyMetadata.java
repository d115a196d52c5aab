package io.rivulet.kms.ops;

import io.rivulet.kms.KmsKey;
import java.time.Instant;
import java.util.List;

/**
 * KMS's KeyMetadata of a key of the local store: always a symmetric encryption key
 * (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT) with key material from KMS (Origin AWS_KMS). Immutable.
 */
public record KeyMetadata(String awsAccountId, String keyId, String arn, Instant creationDate,
    Boolean enabled, String description, String keyUsage, String keyState, String origin,
    String keyManager, String customerMasterKeySpec, String keySpec,
    List<String> encryptionAlgorithms, Boolean multiRegion, String currentKeyMaterialId) {

  static KeyMetadata of(KmsKey k) {
    return new KeyMetadata(k.account(), k.keyId(), k.arn(), Instant.ofEpochMilli(k.createdMillis()),
        k.enabled(), k.description(), "ENCRYPT_DECRYPT", k.enabled() ? "Enabled" : "Disabled",
        "AWS_KMS", k.manager(), "SYMMETRIC_DEFAULT", "SYMMETRIC_DEFAULT",
        List.of("SYMMETRIC_DEFAULT"), k.keyId().startsWith("mrk-"), k.current().materialId());
  }
}
