package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;

/** ListShards paging, tokens and filters. */
@ParameterizedClass
@EnumSource(WireMode.class)
class ListShardsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    stream = "ls-" + mode.name().toLowerCase();
    if (!kinesis.listStreams().streamNames().contains(stream)) {
      createActive(kinesis, stream, 5);
    }
  }

  static List<String> ids(ListShardsResponse r) {
    return r.shards().stream().map(Shard::shardId).toList();
  }

  @Test
  void pagesWithMaxResultsAndNextToken() {
    ListShardsResponse first = kinesis.listShards(b -> b.streamName(stream).maxResults(2));
    assertThat(ids(first)).containsExactly("shardId-000000000000", "shardId-000000000001");
    assertThat(first.nextToken()).isNotNull();
    ListShardsResponse second = kinesis.listShards(b -> b.nextToken(first.nextToken()).maxResults(2));
    assertThat(ids(second)).containsExactly("shardId-000000000002", "shardId-000000000003");
    ListShardsResponse last = kinesis.listShards(b -> b.nextToken(second.nextToken()));
    assertThat(ids(last)).containsExactly("shardId-000000000004");
    assertThat(last.nextToken()).isNull();
  }

  @Test
  void filtersAndExclusiveStart() {
    assertThat(ids(kinesis.listShards(b -> b.streamName(stream).exclusiveStartShardId("shardId-000000000002"))))
        .containsExactly("shardId-000000000003", "shardId-000000000004");
    assertThat(ids(kinesis.listShards(b -> b.streamName(stream)
        .shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000003")))))
        .containsExactly("shardId-000000000004");
    for (ShardFilterType t : List.of(ShardFilterType.AT_LATEST, ShardFilterType.AT_TRIM_HORIZON,
        ShardFilterType.FROM_TRIM_HORIZON)) {
      assertThat(kinesis.listShards(b -> b.streamName(stream).shardFilter(f -> f.type(t))).shards()).hasSize(5);
    }
    assertThat(kinesis.listShards(b -> b.streamName(stream)
        .shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(Instant.now()))).shards()).hasSize(5);
    assertThat(kinesis.listShards(b -> b.streamName(stream)
        .shardFilter(f -> f.type(ShardFilterType.FROM_TIMESTAMP).timestamp(Instant.now()))).shards()).hasSize(5);
  }

  @Test
  void argumentConflictsAreRejected() {
    assertError(error(() -> kinesis.listShards(b -> b.maxResults(1))), "InvalidArgumentException", 400,
        "Either NextToken or StreamName should be provided.");
    String token = kinesis.listShards(b -> b.streamName(stream).maxResults(1)).nextToken();
    assertError(error(() -> kinesis.listShards(b -> b.streamName(stream).nextToken(token))),
        "InvalidArgumentException", 400, "NextToken and StreamName cannot be provided together.");
    assertError(error(() -> kinesis.listShards(b -> b.nextToken("bm90LWEtdG9rZW4="))),
        "InvalidArgumentException", 400, "Invalid NextToken.");
  }
}
