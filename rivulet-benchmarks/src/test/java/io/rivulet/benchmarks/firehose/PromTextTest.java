package io.rivulet.benchmarks.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromTextTest {
  static final String TEXT = """
      # HELP rivulet_firehose_delivery_records_total Records delivered (DeliveryTo<Destination>.Records)
      # TYPE rivulet_firehose_delivery_records_total counter
      rivulet_firehose_delivery_records_total{account="000000000000",delivery_stream="b",destination="S3",region="us-east-1"} 1.0E7
      rivulet_firehose_delivery_records_total{account="000000000000",delivery_stream="bench",destination="S3",region="us-east-1"} 2500.0
      rivulet_firehose_delivery_records_total{account="000000000000",delivery_stream="bench",destination="S3Backup",region="us-east-1"} 10.0
      rivulet_firehose_delivery_records_total{account="000000000000",delivery_stream="bench-2",destination="S3",region="us-east-1"} 99.0
      rivulet_firehose_delivery_data_freshness_seconds{account="000000000000",delivery_stream="bench",destination="S3",region="us-east-1"} 61.25 1764115200000
      jvm_threads_current 42.0
      """;

  @Test
  void readsOneDeliveryStreamsSeriesAddingUpOtherLabels() {
    Map<String, Double> v = PromText.values(TEXT, "bench");

    assertThat(v).containsOnly(
        Map.entry(PromText.DELIVERY_RECORDS, 2510.0),
        Map.entry(PromText.FRESHNESS, 61.25));
  }

  @Test
  void aNameThatIsAPrefixOfAnotherMatchesOnlyItself() {
    assertThat(PromText.values(TEXT, "b")).containsOnly(Map.entry(PromText.DELIVERY_RECORDS, 1.0e7));
    assertThat(PromText.values(TEXT, "nothing")).isEmpty();
  }
}
