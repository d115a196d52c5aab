package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.streams.engine.CapacityConfig;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import io.rivulet.testkit.WireMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * ON_DEMAND streams split a hot shard and merge idle ones back, driven by an injected clock and a
 * small shard capacity (10 records/s) so that a test can make a shard hot.
 */
class OnDemandScalingTest {
  static final TestClock clock = new TestClock();
  static final CapacityConfig SMALL = new CapacityConfig(false, 100_000, 10, 200_000, 5,
      Duration.ofHours(1), 0.8, 0.1, Duration.ofHours(1));

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock).withCapacity(SMALL));

  List<Shard> open(KinesisClient k) {
    return k.listShards(b -> b.streamName("auto").shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards();
  }

  @Test
  void hotShardsSplitAndIdleShardsMergeBack() {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    kinesis.createStream(b -> b.streamName("auto").streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
    Sdk.awaitActive(kinesis, "auto");
    assertThat(open(kinesis)).hasSize(4);

    rivulet.server().streams().engine().scaleOnDemand();
    assertThat(open(kinesis)).as("no load, no change").hasSize(4);

    List<PutRecordsRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 500; i++) { // 500 records in a minute into shard 0: 8.3/s > 0.8 x 10/s
      entries.add(PutRecordsRequestEntry.builder().partitionKey("k").explicitHashKey(Integer.toString(i))
          .data(Sdk.bytes("x")).build());
    }
    kinesis.putRecords(b -> b.streamName("auto").records(entries));
    rivulet.server().streams().engine().scaleOnDemand();
    List<Shard> afterSplit = open(kinesis);
    assertThat(afterSplit).hasSize(5);
    assertThat(afterSplit).extracting(Shard::parentShardId).contains("shardId-000000000000");

    clock.advance(Duration.ofMinutes(30));
    rivulet.server().streams().engine().scaleOnDemand();
    assertThat(open(kinesis)).as("not idle long enough yet").hasSize(5);

    clock.advance(Duration.ofMinutes(31));
    rivulet.server().streams().engine().scaleOnDemand();
    assertThat(open(kinesis)).hasSize(4);
    rivulet.server().streams().engine().scaleOnDemand();
    assertThat(open(kinesis)).as("never below the initial four").hasSize(4);
  }
}
