package io.rivulet.streams.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a read of a shard starts, with GetShardIterator's types: {@code TRIM_HORIZON} (the oldest
 * record kept), {@code LATEST} (just after the newest), {@code AT_TIMESTAMP} (the first record
 * that arrived at or after {@code timestamp}, which may not lie in the future), and
 * {@code AT_SEQUENCE_NUMBER} / {@code AFTER_SEQUENCE_NUMBER} (a sequence number of this shard;
 * its {@link ShardInfo#startingSequenceNumber()} is the position before its first record).
 *
 * <p>A read returns the position after its last record as {@code AFTER_SEQUENCE_NUMBER}, so a
 * reader can keep it (it is a plain string) and resume from it later. Immutable.
 */
public record Position(Type type, String sequenceNumber, Instant timestamp) {

  /** The starting-position types, named as the Kinesis API names them. */
  public enum Type { TRIM_HORIZON, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER }

  public Position {
    Objects.requireNonNull(type, "type");
    boolean wantsSequence =
        type == Type.AT_SEQUENCE_NUMBER || type == Type.AFTER_SEQUENCE_NUMBER;
    if (wantsSequence != (sequenceNumber != null)) {
      throw new IllegalArgumentException(type + (wantsSequence ? " needs" : " takes no")
          + " sequence number");
    }
    if ((type == Type.AT_TIMESTAMP) != (timestamp != null)) {
      throw new IllegalArgumentException(type + (type == Type.AT_TIMESTAMP ? " needs" : " takes no")
          + " timestamp");
    }
  }

  public static Position trimHorizon() {
    return new Position(Type.TRIM_HORIZON, null, null);
  }

  public static Position latest() {
    return new Position(Type.LATEST, null, null);
  }

  public static Position atTimestamp(Instant timestamp) {
    return new Position(Type.AT_TIMESTAMP, null, timestamp);
  }

  public static Position atSequenceNumber(String sequenceNumber) {
    return new Position(Type.AT_SEQUENCE_NUMBER, sequenceNumber, null);
  }

  public static Position afterSequenceNumber(String sequenceNumber) {
    return new Position(Type.AFTER_SEQUENCE_NUMBER, sequenceNumber, null);
  }
}
