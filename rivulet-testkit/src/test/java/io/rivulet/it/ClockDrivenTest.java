package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.drain;
import static io.rivulet.it.Sdk.error;
import static io.rivulet.it.Sdk.iterator;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import io.rivulet.testkit.WireMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Iterator expiry and retention, driven by an injected clock (no sleeping). */
@ParameterizedClass
@EnumSource(WireMode.class)
class ClockDrivenTest {
  static final TestClock clock = new TestClock();

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock));

  @Parameter WireMode mode;

  @Test
  void iteratorsExpireAfterFiveMinutes() {
    KinesisClient kinesis = rivulet.sync(mode);
    String stream = "expiry-" + mode;
    createActive(kinesis, stream, 1);
    String it = iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertThat(kinesis.getRecords(b -> b.shardIterator(it)).records()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    var e = error(() -> kinesis.getRecords(b -> b.shardIterator(it)));
    assertError(e, "ExpiredIteratorException", 400, null);
    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Iterator expired. The iterator was created at time ")
        .endsWith("which is further in the future than the tolerated delay of 300000 milliseconds.");
  }

  @Test
  void expiredRecordsAreNeverReturnedAndAreTrimmed() {
    KinesisClient kinesis = rivulet.sync(mode);
    String stream = "retention-" + mode;
    createActive(kinesis, stream, 1);
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes("old")));
    clock.advance(Duration.ofHours(23));
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes("newer")));
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(drain(kinesis, iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)))
        .extracting(r -> r.data().asUtf8String()).containsExactly("newer");
    rivulet.server().streams().engine().applyRetention();
    assertThat(drain(kinesis, iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)))
        .extracting(r -> r.data().asUtf8String()).containsExactly("newer");
    kinesis.increaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(48));
    clock.advance(Duration.ofHours(24));
    assertThat(drain(kinesis, iterator(kinesis, stream, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON)))
        .extracting(r -> r.data().asUtf8String()).containsExactly("newer");
  }
}
