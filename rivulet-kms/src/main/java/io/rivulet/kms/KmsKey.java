package io.rivulet.kms;

import java.util.ArrayList;
import java.util.List;

/**
 * One key of the local key store: its identity as KMS names it (a key id in an account and region,
 * hence an ARN), who manages it, whether it is enabled, and its versions of 256-bit key material,
 * oldest first; the last is the current one, used for new data keys. Immutable (the material arrays
 * are never modified).
 *
 * @param keyId a UUID, or {@code mrk-} and 32 hex digits for a multi-Region key id
 * @param manager {@code CUSTOMER} (created through CreateKey or configured by the operator),
 *     {@code AWS} (AWS managed, e.g. {@code alias/aws/kinesis}) or {@code OWNED} (Rivulet-owned,
 *     as AWS owned keys are: used by a service, never listed or described)
 * @param owner for an {@code OWNED} key its name ({@code firehose}), else null
 */
public record KmsKey(String keyId, String account, String region, String description,
    String manager, boolean enabled, long createdMillis, List<Version> versions, String owner) {
  public static final String CUSTOMER = "CUSTOMER";
  public static final String AWS = "AWS";
  public static final String OWNED = "OWNED";

  /**
   * One version of a key's material.
   *
   * @param number 1-based; recorded with every data key it wraps
   * @param materialId a random 64-hex-digit name of the material (KMS's KeyMaterialId)
   * @param rotationType null for the first version, {@code ON_DEMAND} for later ones
   */
  public record Version(int number, long createdMillis, byte[] material, String materialId,
      String rotationType) {}

  public KmsKey {
    versions = List.copyOf(versions);
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a key needs a version");
    }
  }

  /** {@code arn:aws:kms:<region>:<account>:key/<keyId>}. */
  public String arn() {
    return KeyIds.keyArn(region, account, keyId);
  }

  /** The version new data keys are wrapped under. */
  public Version current() {
    return versions.get(versions.size() - 1);
  }

  /** Version {@code number}, or null if the key has none such. */
  public Version version(int number) {
    return number >= 1 && number <= versions.size() ? versions.get(number - 1) : null;
  }

  public KmsKey withEnabled(boolean on) {
    return new KmsKey(keyId, account, region, description, manager, on, createdMillis, versions,
        owner);
  }

  /** This key with one more version, the new current one. */
  public KmsKey withVersion(Version v) {
    List<Version> all = new ArrayList<>(versions);
    all.add(v);
    return new KmsKey(keyId, account, region, description, manager, enabled, createdMillis, all,
        owner);
  }
}
