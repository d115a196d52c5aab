package io.rivulet.firehose.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads timestamps the way each SerDe does, into a UTC wall-clock {@link LocalDateTime} (Hive
 * timestamps have no zone; one written with an offset or {@code Z} is moved to UTC). Immutable and
 * thread-safe.
 *
 * <ul>
 *   <li>OpenX: {@code yyyy-MM-dd'T'HH:mm:ss[.S…]Z} (any ISO-8601 offset), {@code yyyy-[M]M-[d]d
 *       HH:mm:ss[.S…]}, epoch seconds, epoch milliseconds (a whole number of more than ten
 *       digits), and fractional epoch seconds, as JSON numbers or strings.
 *   <li>Hive: each of {@code TimestampFormats} in turn (Joda-style patterns, read with
 *       {@link DateTimeFormatter}, whose letters agree with Joda's for dates and times; the special
 *       value {@code millis} is epoch milliseconds), then {@code java.sql.Timestamp.valueOf}'s
 *       {@code yyyy-[m]m-[d]d hh:mm:ss[.f…]}.
 * </ul>
 */
final class TimestampParser {
  private static final Pattern SQL_TIMESTAMP = Pattern.compile(
      "(\\d{4})-(\\d{1,2})-(\\d{1,2}) (\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?");
  private static final Pattern EPOCH = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final long LARGEST_EPOCH_SECONDS = 9_999_999_999L;

  private final boolean openX;
  private final List<DateTimeFormatter> formats;
  private final boolean millis;

  private TimestampParser(boolean openX, List<DateTimeFormatter> formats, boolean millis) {
    this.openX = openX;
    this.formats = List.copyOf(formats);
    this.millis = millis;
  }

  static TimestampParser openX() {
    return new TimestampParser(true, List.of(), false);
  }

  /**
   * The Hive SerDe's parser for {@code TimestampFormats} (null or empty: the default only).
   *
   * @throws IllegalArgumentException for a pattern that is not valid
   */
  static TimestampParser hive(List<String> timestampFormats) {
    List<DateTimeFormatter> formats = new ArrayList<>();
    boolean millis = false;
    for (String f : timestampFormats == null ? List.<String>of() : timestampFormats) {
      if (f.equals("millis")) {
        millis = true;
      } else {
        formats.add(new DateTimeFormatterBuilder().appendPattern(f)
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0).toFormatter());
      }
    }
    return new TimestampParser(false, formats, millis);
  }

  /**
   * The timestamp in {@code text} (a JSON string's value, or a JSON number's text when
   * {@code number}), or null when no accepted form matches.
   */
  LocalDateTime parse(String text, boolean number) {
    String s = text.trim();
    if (openX) {
      if (EPOCH.matcher(s).matches()) {
        return epoch(new BigDecimal(s));
      }
      LocalDateTime t = sqlTimestamp(s);
      return t != null ? t : isoOffset(s);
    }
    if (millis && EPOCH.matcher(s).matches() && s.indexOf('.') < 0) {
      return utc(Instant.ofEpochMilli(Long.parseLong(s)));
    }
    for (DateTimeFormatter f : formats) {
      try {
        TemporalAccessor parsed = f.parse(s);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
          return utc(Instant.from(parsed));
        }
        return LocalDateTime.from(parsed);
      } catch (java.time.DateTimeException e) {
        // try the next format
      }
    }
    return number ? null : sqlTimestamp(s);
  }

  private static LocalDateTime epoch(BigDecimal value) {
    if (value.scale() <= 0 && value.abs().compareTo(BigDecimal.valueOf(LARGEST_EPOCH_SECONDS)) > 0) {
      return utc(Instant.ofEpochMilli(value.longValueExact()));
    }
    BigDecimal seconds = value.setScale(0, RoundingMode.FLOOR);
    int nanos = value.subtract(seconds).movePointRight(9).setScale(0, RoundingMode.FLOOR)
        .intValueExact();
    return utc(Instant.ofEpochSecond(seconds.longValueExact(), nanos));
  }

  private static LocalDateTime sqlTimestamp(String s) {
    Matcher m = SQL_TIMESTAMP.matcher(s);
    if (!m.matches()) {
      return null;
    }
    String fraction = m.group(7) == null ? "" : m.group(7);
    int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    try {
      return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
          Integer.parseInt(m.group(6)), nanos);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static LocalDateTime isoOffset(String s) {
    try {
      return utc(Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s)));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
