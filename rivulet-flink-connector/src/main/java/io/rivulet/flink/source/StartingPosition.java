package io.rivulet.flink.source;

import io.rivulet.streams.api.Position;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a {@link RivuletSource} without restored state starts reading the shards that exist when
 * the job starts: {@code TRIM_HORIZON} (the oldest record kept), {@code LATEST} (only records
 * arriving after the start) or {@code AT_TIMESTAMP} (records that arrived at or after a time).
 * Shards created later (children of a split or merge) are always read from their first record.
 * Immutable.
 */
public record StartingPosition(Mode mode, Instant timestamp) implements Serializable {

  /** The start modes, named as the Kinesis API's shard iterator types. */
  public enum Mode { TRIM_HORIZON, LATEST, AT_TIMESTAMP }

  public StartingPosition {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.AT_TIMESTAMP) != (timestamp != null)) {
      throw new IllegalArgumentException(mode + (mode == Mode.AT_TIMESTAMP ? " needs" : " takes no")
          + " timestamp");
    }
  }

  public static StartingPosition trimHorizon() {
    return new StartingPosition(Mode.TRIM_HORIZON, null);
  }

  public static StartingPosition latest() {
    return new StartingPosition(Mode.LATEST, null);
  }

  public static StartingPosition atTimestamp(Instant timestamp) {
    return new StartingPosition(Mode.AT_TIMESTAMP, timestamp);
  }

  /** The read position of a shard this start applies to. */
  public Position toPosition() {
    return switch (mode) {
      case TRIM_HORIZON -> Position.trimHorizon();
      case LATEST -> Position.latest();
      case AT_TIMESTAMP -> Position.atTimestamp(timestamp);
    };
  }
}
