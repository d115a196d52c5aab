package io.rivulet.firehose.opensearch;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.WeekFields;
import java.util.Locale;

/**
 * IndexRotationPeriod: the part of a record's UTC arrival time that Firehose appends to IndexName
 * (arrival 2016-02-25T13:00:00Z: {@code myindex}, {@code myindex-2016-02-25-13},
 * {@code myindex-2016-02-25}, {@code myindex-2016-w09}, {@code myindex-2016-02}). OneWeek numbers
 * weeks by Firehose's documented US convention: a week starts on Sunday and week 1 is the first
 * week with a Saturday in the year (the week holding 1 January); the year is that week's year.
 * Immutable.
 */
enum IndexRotation {
  NoRotation(null),
  OneHour(DateTimeFormatter.ofPattern("uuuu-MM-dd-HH", Locale.ROOT)),
  OneDay(DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)),
  OneWeek(null),
  OneMonth(DateTimeFormatter.ofPattern("uuuu-MM", Locale.ROOT));

  /** Sunday-first weeks, week 1 holding 1 January. */
  private static final WeekFields US_WEEKS = WeekFields.of(DayOfWeek.SUNDAY, 1);

  private final DateTimeFormatter suffix;

  IndexRotation(DateTimeFormatter suffix) {
    this.suffix = suffix;
  }

  /** The index a record that arrived at {@code arrivalMillis} goes to. */
  String indexName(String base, long arrivalMillis) {
    if (this == NoRotation) {
      return base;
    }
    ZonedDateTime t = Instant.ofEpochMilli(arrivalMillis).atZone(ZoneOffset.UTC);
    if (this == OneWeek) {
      int year = t.get(US_WEEKS.weekBasedYear());
      int week = t.get(US_WEEKS.weekOfWeekBasedYear());
      return String.format(Locale.ROOT, "%s-%04d-w%02d", base, year, week);
    }
    return base + "-" + suffix.format(t);
  }

  /** The period named as in the API (IndexRotationPeriod); Firehose's default is OneDay. */
  static IndexRotation of(String name) {
    return name == null ? OneDay : valueOf(name);
  }
}
