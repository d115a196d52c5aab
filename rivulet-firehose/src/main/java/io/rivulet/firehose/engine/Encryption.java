package io.rivulet.firehose.engine;

/**
 * A delivery stream's server-side encryption setting as DescribeDeliveryStream reports it: status
 * (ENABLING, ENABLED, DISABLING, DISABLED), key type (AWS_OWNED_CMK, CUSTOMER_MANAGED_CMK) and
 * key ARN (customer-managed keys only). Immutable.
 */
public record Encryption(String status, String keyType, String keyArn) {
  public static final String ENABLING = "ENABLING";
  public static final String ENABLED = "ENABLED";
  public static final String DISABLING = "DISABLING";
  public static final String DISABLED = "DISABLED";

  public static Encryption disabled() {
    return new Encryption(DISABLED, null, null);
  }

  public Encryption withStatus(String s) {
    return new Encryption(s, keyType, keyArn);
  }

  /** Whether records are written encrypted (PutRecord's {@code Encrypted}). */
  public boolean active() {
    return ENABLED.equals(status);
  }

  /** Whether a change is still under way (ENABLING or DISABLING). */
  public boolean changing() {
    return ENABLING.equals(status) || DISABLING.equals(status);
  }
}
