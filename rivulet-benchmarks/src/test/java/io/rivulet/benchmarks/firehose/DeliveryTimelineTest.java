package io.rivulet.benchmarks.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTimelineTest {
  /** A sample at {@code t} ms with {@code bytes} delivered in {@code successes} objects. */
  static DeliveryTimeline.Sample at(long t, double bytes, double successes, double freshness) {
    return new DeliveryTimeline.Sample(t, 0, bytes / 100, bytes, successes, freshness, 0);
  }

  @Test
  void theRateIsMeasuredBetweenDeliveriesSoBurstsAtTheEdgesDoNotSkewIt() {
    // one object of 1,000 bytes every 2 s (samples every 500 ms); the window 0..10 s cuts
    // between bursts
    List<DeliveryTimeline.Sample> samples = new ArrayList<>();
    double bytes = 0;
    for (long t = 0; t <= 12_000; t += 500) {
      if (t % 2000 == 1000) {
        bytes += 1000;
      }
      samples.add(at(t, bytes, bytes / 1000, 0));
    }

    DeliveryTimeline.Rate rate = DeliveryTimeline.deliveryRate(samples, 0, 10_000);

    // deliveries seen at 1, 3, 5, 7, 9 s: 4 objects and 4,000 bytes over 8 s
    assertThat(rate.bytesPerSecond()).isCloseTo(500.0, within(1e-9));
    assertThat(rate.deliveries()).isEqualTo(4);
    assertThat(rate.firstMillis()).isEqualTo(1000);
    assertThat(rate.lastMillis()).isEqualTo(9000);
  }

  @Test
  void fewerThanTwoDeliveriesGiveNoRate() {
    List<DeliveryTimeline.Sample> samples = List.of(at(0, 0, 0, 0), at(100, 500, 1, 0),
        at(200, 500, 1, 0));

    assertThat(DeliveryTimeline.deliveryRate(samples, 0, 1000).bytesPerSecond()).isNaN();
    assertThat(DeliveryTimeline.deliveryRate(samples, 0, 1000).deliveries()).isEqualTo(1);
  }

  @Test
  void freshnessIsTheLargestSampleInTheWindowAndItsNearestRankPercentile() {
    List<DeliveryTimeline.Sample> samples = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      samples.add(at(i * 100L, 0, 0, (i % 100) / 10.0)); // a sawtooth 0 .. 9.9 s
    }
    samples.add(at(20_000, 0, 0, 70)); // outside the window

    DeliveryTimeline.Freshness f = DeliveryTimeline.freshness(samples, 0, 19_900);

    assertThat(f.samples()).isEqualTo(200);
    assertThat(f.maxSeconds()).isEqualTo(9.9);
    assertThat(f.maxAtMillis()).isEqualTo(9_900);
    assertThat(f.p99Seconds()).isEqualTo(9.8); // rank 198 of 200 sorted values
  }

  @Test
  void deliveredAtIsTheFirstSampleWithEveryRecord() {
    List<DeliveryTimeline.Sample> samples = List.of(at(0, 0, 0, 0), at(100, 50_000, 1, 0),
        at(200, 100_000, 2, 0));

    assertThat(DeliveryTimeline.deliveredAt(samples, 1000)).isEqualTo(200);
    assertThat(DeliveryTimeline.deliveredAt(samples, 1001)).isEqualTo(-1);
  }
}
