package io.rivulet.firehose.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Index names as Firehose appends the UTC arrival time to IndexName. */
class IndexRotationTest {

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void suffixesOfTheDocumentedExample() {
    long t = at("2016-02-25T13:00:00Z");
    assertThat(IndexRotation.NoRotation.indexName("myindex", t)).isEqualTo("myindex");
    assertThat(IndexRotation.OneHour.indexName("myindex", t)).isEqualTo("myindex-2016-02-25-13");
    assertThat(IndexRotation.OneDay.indexName("myindex", t)).isEqualTo("myindex-2016-02-25");
    assertThat(IndexRotation.OneMonth.indexName("myindex", t)).isEqualTo("myindex-2016-02");
    // Sunday-first weeks, week 1 = the week of 1 January (Fri 2016-01-01): Sun 21 Feb is week 9
    assertThat(IndexRotation.OneWeek.indexName("myindex", t)).isEqualTo("myindex-2016-w09");
  }

  @Test
  void weeksStartOnSundayAndWeekOneHoldsTheFirstOfJanuary() {
    assertThat(IndexRotation.OneWeek.indexName("i", at("2016-01-01T00:00:00Z")))
        .isEqualTo("i-2016-w01");
    assertThat(IndexRotation.OneWeek.indexName("i", at("2016-01-02T23:59:59Z")))
        .isEqualTo("i-2016-w01");
    assertThat(IndexRotation.OneWeek.indexName("i", at("2016-01-03T00:00:00Z")))
        .isEqualTo("i-2016-w02");
    // Sat 2022-01-01 ends the week that began Sun 2021-12-26: that week is 2022's first
    assertThat(IndexRotation.OneWeek.indexName("i", at("2021-12-26T05:00:00Z")))
        .isEqualTo("i-2022-w01");
    assertThat(IndexRotation.OneWeek.indexName("i", at("2021-12-25T23:00:00Z")))
        .isEqualTo("i-2021-w52");
    assertThat(IndexRotation.OneWeek.indexName("i", at("2020-08-12T00:00:00Z")))
        .isEqualTo("i-2020-w33");
  }

  @Test
  void usesUtcAndTheArrivalHour() {
    assertThat(IndexRotation.OneHour.indexName("i", at("2024-12-31T23:59:59.999Z")))
        .isEqualTo("i-2024-12-31-23");
    assertThat(IndexRotation.OneHour.indexName("i", at("2025-01-01T00:00:00Z")))
        .isEqualTo("i-2025-01-01-00");
    assertThat(IndexRotation.OneMonth.indexName("i", at("2025-01-01T00:00:00Z")))
        .isEqualTo("i-2025-01");
  }

  @Test
  void defaultIsOneDay() {
    assertThat(IndexRotation.of(null)).isEqualTo(IndexRotation.OneDay);
    assertThat(IndexRotation.of("OneWeek")).isEqualTo(IndexRotation.OneWeek);
  }
}
