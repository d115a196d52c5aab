package io.rivulet.streams.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.log.MemoryLogManager;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Access;
import io.rivulet.protocol.auth.AccessRules.Scope;
import io.rivulet.streams.StreamsService;
import io.rivulet.streams.engine.StreamsConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every Kinesis operation has its line in the authorisation table, and the lines resolve as AWS's. */
class KinesisAccessTest {
  private final StreamsService service =
      new StreamsService(StreamsConfig.defaults(), Clock.systemUTC(), new MemoryLogManager(), null);
  private final AccessRules rules = service.definition().access();
  private final Scope scope = new Scope("111122223333", "eu-west-1");

  @AfterEach
  void close() {
    service.close();
  }

  @Test
  void everyOperationHasALine() {
    assertThat(rules.operations()).containsExactlyInAnyOrderElementsOf(service.definition().operations().names());
    assertThat(rules.signingName()).isEqualTo("kinesis");
  }

  @Test
  void streamsByNameOrArnConsumersAndTheAccount() {
    assertThat(rules.accessFor("PutRecord", Map.of("StreamName", "orders"), scope)).containsExactly(
        new Access("kinesis:PutRecord", "arn:aws:kinesis:eu-west-1:111122223333:stream/orders"));
    String other = "arn:aws:kinesis:us-east-1:444455556666:stream/shared";
    assertThat(rules.accessFor("GetShardIterator", Map.of("StreamARN", other, "StreamName", "shared"), scope))
        .containsExactly(new Access("kinesis:GetShardIterator", other));
    String consumer = other + "/consumer/app:1700000000";
    assertThat(rules.accessFor("SubscribeToShard", Map.of("ConsumerARN", consumer), scope))
        .containsExactly(new Access("kinesis:SubscribeToShard", consumer));
    assertThat(rules.accessFor("PutResourcePolicy", Map.of("ResourceARN", consumer), scope))
        .containsExactly(new Access("kinesis:PutResourcePolicy", consumer));
    assertThat(rules.accessFor("ListStreams", Map.of(), scope)).containsExactly(new Access("kinesis:ListStreams", "*"));
    assertThat(rules.accessFor("CreateStream", Map.of("StreamName", "s", "Tags", Map.of("k", "v")), scope))
        .extracting(Access::action).containsExactly("kinesis:CreateStream", "kinesis:AddTagsToStream");
    assertThat(rules.accessFor("GetRecords", Map.of("ShardIterator", "not-ours"), scope))
        .containsExactly(new Access("kinesis:GetRecords", "*"));
    assertThat(rules.resourcePolicy("arn:aws:kinesis:us-east-1:000000000000:stream/absent")).isNull();
    assertThat(List.of(rules.style().name())).containsExactly("JSON");
  }
}
