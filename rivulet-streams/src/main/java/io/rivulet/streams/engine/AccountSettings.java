package io.rivulet.streams.engine;

/**
 * One account's Data Streams settings: its minimum throughput billing commitment. Immutable.
 *
 * @param commitmentStatus {@code ENABLED}, {@code DISABLED} or {@code
 *     ENABLED_UNTIL_EARLIEST_ALLOWED_END} (a disable asked for inside the 24-hour minimum: it takes
 *     effect at {@code earliestAllowedEndMillis})
 * @param startedMillis when the commitment was enabled, or null
 * @param endedMillis when it ended (or is scheduled to end), or null
 * @param earliestAllowedEndMillis the end of its minimum duration, or null
 */
public record AccountSettings(String commitmentStatus, Long startedMillis, Long endedMillis,
    Long earliestAllowedEndMillis) {
  public static final String ENABLED = "ENABLED";
  public static final String DISABLED = "DISABLED";
  public static final String ENABLED_UNTIL_EARLIEST_ALLOWED_END = "ENABLED_UNTIL_EARLIEST_ALLOWED_END";
  /** AWS: "Commitments have a minimum duration of 24 hours that must be honored". */
  public static final long MINIMUM_COMMITMENT_MILLIS = 86_400_000L;

  /** An account that never changed its settings. */
  public static final AccountSettings DEFAULT = new AccountSettings(DISABLED, null, null, null);

  /** The settings as they stand at {@code nowMillis} (a scheduled disable may have happened). */
  public AccountSettings at(long nowMillis) {
    if (commitmentStatus.equals(ENABLED_UNTIL_EARLIEST_ALLOWED_END)
        && nowMillis >= earliestAllowedEndMillis) {
      return new AccountSettings(DISABLED, startedMillis, earliestAllowedEndMillis,
          earliestAllowedEndMillis);
    }
    return this;
  }

  /** True while the commitment is in force (warm throughput is allowed). */
  public boolean committed() {
    return !commitmentStatus.equals(DISABLED);
  }

  /** The settings after asking for {@code status} (ENABLED or DISABLED) at {@code nowMillis}. */
  public AccountSettings request(String status, long nowMillis) {
    AccountSettings now = at(nowMillis);
    if (status.equals(ENABLED)) {
      if (now.commitmentStatus.equals(DISABLED)) {
        return new AccountSettings(ENABLED, nowMillis, null, nowMillis + MINIMUM_COMMITMENT_MILLIS);
      }
      // enabling again cancels a pending disable
      return new AccountSettings(ENABLED, now.startedMillis, null, now.earliestAllowedEndMillis);
    }
    if (now.commitmentStatus.equals(DISABLED)) {
      return now;
    }
    if (nowMillis < now.earliestAllowedEndMillis) {
      return new AccountSettings(ENABLED_UNTIL_EARLIEST_ALLOWED_END, now.startedMillis,
          now.earliestAllowedEndMillis, now.earliestAllowedEndMillis);
    }
    return new AccountSettings(DISABLED, now.startedMillis, nowMillis, now.earliestAllowedEndMillis);
  }
}
