package io.rivulet.streams.ops;

import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;

/** The checks and change shared by Increase- and DecreaseStreamRetentionPeriod. Stateless. */
final class Retention {
  private Retention() {}

  static void change(StreamsEngine engine, StreamKey key, int hours, boolean increase) {
    if (hours < StreamsEngine.MIN_RETENTION_HOURS) {
      throw KinesisError.INVALID_ARGUMENT.with("Minimum allowed retention period is "
          + StreamsEngine.MIN_RETENTION_HOURS + " hours. Requested retention period (" + hours
          + " hours) is too short.");
    }
    if (hours > StreamsEngine.MAX_RETENTION_HOURS) {
      throw KinesisError.INVALID_ARGUMENT.with("Maximum allowed retention period is "
          + StreamsEngine.MAX_RETENTION_HOURS + " hours. Requested retention period (" + hours
          + " hours) is too long.");
    }
    engine.update(key, m -> {
      int current = m.retentionHours();
      if (increase && hours < current) {
        throw KinesisError.INVALID_ARGUMENT.with("Requested retention period (" + hours
            + " hours) for stream " + key.name() + " can not be shorter than existing retention"
            + " period (" + current + " hours). Use DecreaseRetentionPeriod API.");
      }
      if (!increase && hours > current) {
        throw KinesisError.INVALID_ARGUMENT.with("Requested retention period (" + hours
            + " hours) for stream " + key.name() + " can not be longer than existing retention"
            + " period (" + current + " hours). Use IncreaseRetentionPeriod API.");
      }
      return m.withRetentionHours(hours);
    });
  }
}
