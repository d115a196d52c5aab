package io.rivulet.streams.api;

/**
 * One incarnation of a data stream: its account, region and name, and the epoch milliseconds it
 * was created at. A stream deleted and created again under the same name is another incarnation,
 * so a reader holding the old id gets {@link StreamNotFoundException} instead of someone else's
 * records. Immutable.
 */
public record StreamId(String account, String region, String name, long createdMillis) {

  /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>}. */
  public String arn() {
    return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name;
  }
}
