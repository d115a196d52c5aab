package io.rivulet.firehose.engine;

/** A delivery stream's identity: account, region and name. Immutable. */
public record DeliveryStreamKey(String account, String region, String name) {

  /** {@code arn:aws:firehose:<region>:<account>:deliverystream/<name>}. */
  public String arn() {
    return "arn:aws:firehose:" + region + ":" + account + ":deliverystream/" + name;
  }
}
