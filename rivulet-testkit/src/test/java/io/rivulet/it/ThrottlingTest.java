package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import io.rivulet.testkit.WireMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** {@code --throttling aws}: per-shard write and read capacity and control-plane rates. */
@ParameterizedClass
@EnumSource(WireMode.class)
class ThrottlingTest {
  static final TestClock clock = new TestClock();

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock).withThrottling(true));

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = Clients.syncWithoutRetries(rivulet.endpoint(), mode);
    stream = "th-" + mode.name().toLowerCase() + "-" + (++counter);
    clock.advance(Duration.ofSeconds(10)); // fresh buckets for the control-plane calls below
    createActive(kinesis, stream, 1);
    clock.advance(Duration.ofSeconds(10));
  }

  PutRecordsResponse put(int records, int size) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      entries.add(PutRecordsRequestEntry.builder().partitionKey("p" + i)
          .data(SdkBytes.fromByteArray(new byte[size])).build());
    }
    return kinesis.putRecords(b -> b.streamName(stream).records(entries));
  }

  @Test
  void writesOverAThousandRecordsPerSecondAreThrottledPerRecord() {
    assertThat(put(500, 10).failedRecordCount()).isZero();
    assertThat(put(500, 10).failedRecordCount()).isZero();
    PutRecordsResponse over = put(10, 10);
    assertThat(over.failedRecordCount()).isEqualTo(10);
    assertThat(over.records().get(0).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
    assertThat(over.records().get(0).errorMessage()).isEqualTo("Rate exceeded for shard shardId-000000000000 in stream "
        + stream + " under account 000000000000.");
    assertError(error(() -> kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes("x")))),
        "ProvisionedThroughputExceededException", 400,
        "Rate exceeded for shard shardId-000000000000 in stream " + stream + " under account 000000000000.");
    clock.advance(Duration.ofMillis(100));
    PutRecordsResponse partial = put(150, 10);
    assertThat(partial.failedRecordCount()).isEqualTo(50);
    assertThat(partial.records().get(0).errorCode()).isNull();
    assertThat(partial.records().get(149).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
  }

  @Test
  void writesOverOneMebibytePerSecondAreThrottled() {
    PutRecordsResponse r = put(3, 400 * 1024);
    assertThat(r.records()).extracting(e -> e.errorCode() == null).containsExactly(true, true, false);
  }

  @Test
  void theAdmittedRateStaysWithinTenPercentOfTheLimit() {
    put(500, 10);
    put(500, 10); // empty the bucket
    int admitted = 0;
    for (int step = 0; step < 100; step++) { // 10 s in 100 ms steps, offering 3x the limit
      clock.advance(Duration.ofMillis(100));
      PutRecordsResponse r = put(300, 10);
      admitted += 300 - r.failedRecordCount();
    }
    assertThat(admitted / 10.0).isBetween(900.0, 1100.0);
  }

  @Test
  void getRecordsIsLimitedToFiveCallsPerSecondAndTwoMebibytesPerSecond() {
    String it = Sdk.iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
    for (int i = 0; i < 5; i++) {
      kinesis.getRecords(b -> b.shardIterator(it));
    }
    assertError(error(() -> kinesis.getRecords(b -> b.shardIterator(it))),
        "ProvisionedThroughputExceededException", 400, null);
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 4; i++) {
      put(1, 1000 * 1000);
      clock.advance(Duration.ofSeconds(1));
    }
    // 4 MB read with 2 MiB in the bucket: a debt of about 0.9 s that throttles the next calls
    assertThat(kinesis.getRecords(b -> b.shardIterator(it)).records()).hasSize(4);
    assertError(error(() -> kinesis.getRecords(b -> b.shardIterator(it))),
        "ProvisionedThroughputExceededException", 400, null);
    clock.advance(Duration.ofMillis(1100));
    assertThat(kinesis.getRecords(b -> b.shardIterator(it)).records()).isNotEmpty();
  }

  @Test
  void controlPlaneCallsOverTheirRateGetLimitExceeded() {
    kinesis.describeLimits();
    var e = error(() -> kinesis.describeLimits());
    assertError(e, "LimitExceededException", 400, "Rate exceeded for operation DescribeLimits in account 000000000000.");
    clock.advance(Duration.ofSeconds(1));
    kinesis.describeLimits();
  }
}
