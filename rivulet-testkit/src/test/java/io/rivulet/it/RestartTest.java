package io.rivulet.it;

import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.drain;
import static io.rivulet.it.Sdk.iterator;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;

/** Streams, settings and records survive a restart on the same data directory. */
class RestartTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Test
  void everythingSurvivesARestart() {
    KinesisClient before = Clients.sync(rivulet.endpoint(), WireMode.CBOR);
    createActive(before, "durable", 2);
    before.increaseStreamRetentionPeriod(b -> b.streamName("durable").retentionPeriodHours(100));
    before.addTagsToStream(b -> b.streamName("durable").tags(Map.of("k", "v")));
    for (int i = 0; i < 50; i++) {
      int n = i;
      before.putRecord(b -> b.streamName("durable").partitionKey("key" + n).data(bytes("record-" + n)));
    }
    String iteratorBefore = iterator(before, "durable", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON);
    StreamDescription describedBefore = before.describeStream(b -> b.streamName("durable")).streamDescription();
    before.close();

    rivulet.restart();

    KinesisClient after = Clients.sync(rivulet.endpoint(), WireMode.JSON);
    StreamDescription d = after.describeStream(b -> b.streamName("durable")).streamDescription();
    assertThat(d).isEqualTo(describedBefore);
    assertThat(after.listTagsForStream(b -> b.streamName("durable")).tags()).hasSize(1);
    int total = 0;
    for (String shard : new String[] {"shardId-000000000000", "shardId-000000000001"}) {
      total += drain(after, iterator(after, "durable", shard, ShardIteratorType.TRIM_HORIZON)).size();
    }
    assertThat(total).isEqualTo(50);
    assertThat(drain(after, iteratorBefore)).as("iterators stay valid across restarts").isNotEmpty();
    after.putRecord(b -> b.streamName("durable").partitionKey("key1").data(bytes("more")));
    after.close();
  }
}
