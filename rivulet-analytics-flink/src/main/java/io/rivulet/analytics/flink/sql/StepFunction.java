package io.rivulet.analytics.flink.sql;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * SQL-1_0's {@code STEP(ts BY INTERVAL ...)} on a timestamp that is not ROWTIME: the timestamp
 * rounded down to a multiple of the interval since the epoch (UTC). STEP over ROWTIME in a
 * GROUP BY becomes a tumbling window instead. Stateless, so thread-safe.
 */
public final class StepFunction extends ScalarFunction {
  private static final long serialVersionUID = 1L;

  /** {@code ts} rounded down to a multiple of {@code millis}; null if either is null. */
  public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(
      @DataTypeHint("TIMESTAMP(3)") LocalDateTime ts, Long millis) {
    if (ts == null || millis == null) {
      return null;
    }
    long epoch = ts.toInstant(ZoneOffset.UTC).toEpochMilli();
    long floored = Math.floorDiv(epoch, millis) * millis;
    return LocalDateTime.ofEpochSecond(Math.floorDiv(floored, 1000L),
        (int) Math.floorMod(floored, 1000L) * 1_000_000, ZoneOffset.UTC);
  }
}
