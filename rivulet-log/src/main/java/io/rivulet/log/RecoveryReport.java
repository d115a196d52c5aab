package io.rivulet.log;

/**
 * What recovery of one log found: the log's name, the end offset recovered, how many bytes of
 * invalid tail it truncated, and a reason (empty when nothing was dropped).
 */
public record RecoveryReport(String logName, long recoveredEndOffset, long truncatedBytes, String reason) {
  public boolean lostData() {
    return truncatedBytes > 0;
  }
}
