package io.rivulet.streams.engine;

/** A stream's identity: account, region and name (streams of other accounts/regions are invisible). */
public record StreamKey(String account, String region, String name) {
  public String arn() {
    return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name;
  }
}
