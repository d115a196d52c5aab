package io.rivulet.log;

import java.time.Duration;

/**
 * When an append is acknowledged relative to {@code fsync}. Parsed from the command line form
 * {@code group}, {@code interval:<ms>} or {@code never}.
 */
public record FsyncPolicy(Kind kind, Duration interval) {
  public enum Kind {
    /** fsync before acknowledging; concurrent appenders share one fsync (group commit). */
    GROUP,
    /** acknowledge after the write; fsync every {@code interval}. */
    INTERVAL,
    /** acknowledge after the write; never fsync explicitly (the OS decides). */
    NEVER
  }

  public static FsyncPolicy group() {
    return new FsyncPolicy(Kind.GROUP, Duration.ZERO);
  }

  public static FsyncPolicy never() {
    return new FsyncPolicy(Kind.NEVER, Duration.ZERO);
  }

  public static FsyncPolicy interval(Duration every) {
    return new FsyncPolicy(Kind.INTERVAL, every);
  }

  /** Parses {@code group}, {@code interval:<ms>} or {@code never}. */
  public static FsyncPolicy parse(String text) {
    if (text.equals("group")) {
      return group();
    }
    if (text.equals("never")) {
      return never();
    }
    if (text.startsWith("interval:")) {
      long ms = Long.parseLong(text.substring("interval:".length()));
      if (ms <= 0) {
        throw new IllegalArgumentException("interval must be positive: " + text);
      }
      return interval(Duration.ofMillis(ms));
    }
    throw new IllegalArgumentException(
        "fsync policy must be group, interval:<ms> or never, not " + text);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case GROUP -> "group";
      case NEVER -> "never";
      case INTERVAL -> "interval:" + interval.toMillis();
    };
  }
}
