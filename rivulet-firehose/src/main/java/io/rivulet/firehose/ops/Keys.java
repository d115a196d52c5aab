package io.rivulet.firehose.ops;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.engine.Encryption;
import java.util.Map;

/**
 * The rules of DeliveryStreamEncryptionConfigurationInput shared by CreateDeliveryStream and
 * StartDeliveryStreamEncryption: a customer-managed key needs its ARN, an AWS-owned key has none.
 * Stateless.
 */
final class Keys {
  static final String AWS_OWNED = "AWS_OWNED_CMK";
  static final String CUSTOMER_MANAGED = "CUSTOMER_MANAGED_CMK";

  private Keys() {}

  /** The ENABLING encryption an input asks for (null input: an AWS-owned key). */
  static Encryption enabling(Map<String, Object> input) {
    String keyType = input == null || input.get("KeyType") == null ? AWS_OWNED
        : input.get("KeyType").toString();
    String keyArn = input == null || input.get("KeyARN") == null ? null
        : input.get("KeyARN").toString();
    if (keyType.equals(CUSTOMER_MANAGED) && keyArn == null) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
    }
    if (keyType.equals(AWS_OWNED) && keyArn != null) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "KeyARN must not be specified when KeyType is AWS_OWNED_CMK.");
    }
    return new Encryption(Encryption.ENABLING, keyType, keyArn);
  }
}
