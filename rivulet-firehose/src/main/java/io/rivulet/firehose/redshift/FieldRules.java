package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * What Redshift's COPY does to each value by its column's type, applied before the row goes to
 * PostgreSQL: an empty field is NULL for a non-character column (delimited formats; always in
 * Redshift) and for a character column too with EMPTYASNULL; BLANKSASNULL makes whitespace-only
 * character fields NULL; TRIMBLANKS drops trailing blanks of character fields; TRUNCATECOLUMNS cuts
 * character fields to the column's length; TIMEFORMAT 'epochsecs' / 'epochmillisecs' turns
 * numbers loaded into timestamp columns into instants. Immutable.
 */
final class FieldRules {
  private final CopyOptions options;
  private final TableShape shape;

  FieldRules(CopyOptions options, TableShape shape) {
    this.options = options;
    this.shape = shape;
  }

  /** Applies the rules to {@code row} in place and returns it. */
  String[] apply(String[] row) throws DeliveryException {
    for (int i = 0; i < row.length; i++) {
      if (row[i] != null) {
        row[i] = value(row[i], shape.get(i));
      }
    }
    return row;
  }

  private String value(String v, TableShape.Column column) throws DeliveryException {
    if (column.charLike()) {
      if (options.trimBlanks()) {
        v = v.stripTrailing();
      }
      if (v.isEmpty() ? options.emptyAsNull() : options.blanksAsNull() && v.isBlank()) {
        return null;
      }
      if (options.truncateColumns() && column.length() > 0
          && v.codePointCount(0, v.length()) > column.length()) {
        v = v.substring(0, v.offsetByCodePoints(0, column.length()));
      }
      return v;
    }
    if (v.isEmpty() && !options.json()) {
      return null;
    }
    if (column.timestamp() && options.timeFormat() != CopyOptions.TimeFormat.AUTO) {
      return epoch(v.trim(), column);
    }
    return v;
  }

  private String epoch(String v, TableShape.Column column) throws DeliveryException {
    try {
      BigDecimal seconds = new BigDecimal(v);
      if (options.timeFormat() == CopyOptions.TimeFormat.EPOCH_MILLIS) {
        seconds = seconds.movePointLeft(3);
      }
      BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
      long nanos = seconds.subtract(whole).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole.longValueExact(), nanos).toString();
    } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
      throw RedshiftError.DATA_LOAD_FAILED.failure("Column " + column.name() + ": '" + v
          + "' is not an epoch time for TIMEFORMAT " + options.timeFormat() + ".", e);
    }
  }
}
