package io.rivulet.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.flink.InProcessStreamsFixture;
import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.StreamId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The enumerator against a real StreamsService, driven step by step: which shard goes to which
 * reader when, LATEST pinning, and what a restore from its checkpoint does.
 */
class RivuletSplitEnumeratorTest {
  InProcessStreamsFixture streams;
  final List<RivuletSplitEnumerator> enumerators = new ArrayList<>();

  @BeforeEach
  void start() {
    streams = new InProcessStreamsFixture();
  }

  @AfterEach
  void stop() {
    enumerators.forEach(RivuletSplitEnumerator::close);
    streams.close();
  }

  RivuletSplitEnumerator enumerator(TestingSplitEnumeratorContext<RivuletShardSplit> ctx,
      String stream, StartingPosition start, RivuletEnumeratorState state) {
    RivuletSplitEnumerator e = new RivuletSplitEnumerator(ctx, RivuletConnection.inProcess(),
        stream, start, Duration.ofSeconds(10), state);
    enumerators.add(e);
    e.start();
    return e;
  }

  /** Runs one discovery and hands its result to the enumerator. */
  static void discover(TestingSplitEnumeratorContext<RivuletShardSplit> ctx) {
    ctx.getExecutorService().triggerPeriodicScheduledTasks();
    ctx.getExecutorService().triggerAll();
    ctx.triggerAllActions();
  }

  static List<String> assigned(TestingSplitEnumeratorContext<RivuletShardSplit> ctx) {
    List<String> ids = new ArrayList<>();
    ctx.getSplitAssignments().values()
        .forEach(s -> s.getAssignedSplits().forEach(x -> ids.add(x.shardId())));
    return ids;
  }

  static TestingSplitEnumeratorContext<RivuletShardSplit> context(int readers) {
    TestingSplitEnumeratorContext<RivuletShardSplit> ctx =
        new TestingSplitEnumeratorContext<>(readers);
    for (int i = 0; i < readers; i++) {
      ctx.registerReader(i, "localhost");
    }
    return ctx;
  }

  @Test
  void childrenAreAssignedOnlyAfterTheirParentsFinish() {
    StreamId id = streams.create("tree", 1);
    streams.put(id, List.of("a"), List.of("x"));
    streams.split("tree", 0); // 0 -> 1, 2
    var ctx = context(2);
    RivuletSplitEnumerator e = enumerator(ctx, "tree", StartingPosition.trimHorizon(),
        RivuletEnumeratorState.empty());
    discover(ctx);
    assertThat(assigned(ctx)).containsExactly("shardId-000000000000");

    e.handleSourceEvent(0, new ShardsFinishedEvent(Set.of("shardId-000000000000")));
    ctx.getExecutorService().triggerAll();
    ctx.triggerAllActions();
    assertThat(assigned(ctx)).containsExactlyInAnyOrder("shardId-000000000000",
        "shardId-000000000001", "shardId-000000000002");
    RivuletShardSplit child = ctx.getSplitAssignments().values().stream()
        .flatMap(s -> s.getAssignedSplits().stream())
        .filter(s -> s.shardId().equals("shardId-000000000002")).findFirst().orElseThrow();
    assertThat(child.parents()).containsExactly("shardId-000000000000");
    assertThat(child.position()).isEqualTo(Position.trimHorizon());
    // both readers get work: shards are spread by id
    assertThat(ctx.getSplitAssignments()).hasSize(2);
  }

  @Test
  void latestSkipsClosedShardsAndPinsOpenOnesToTheirCurrentEnd() {
    StreamId id = streams.create("pinned", 1);
    streams.put(id, List.of("a", "b"), List.of("1", "2"));
    streams.split("pinned", 0);
    streams.put(id, List.of("a", "b"), List.of("3", "4"));
    var ctx = context(1);
    enumerator(ctx, "pinned", StartingPosition.latest(), RivuletEnumeratorState.empty());
    discover(ctx);
    List<RivuletShardSplit> splits = ctx.getSplitAssignments().get(0).getAssignedSplits();
    assertThat(splits).extracting(RivuletShardSplit::shardId)
        .containsExactlyInAnyOrder("shardId-000000000001", "shardId-000000000002");
    assertThat(splits).allMatch(s -> s.position().type() == Position.Type.AFTER_SEQUENCE_NUMBER);
  }

  @Test
  void aRestoredEnumeratorKeepsAssignedShardsAndAssignsPendingOnes() throws Exception {
    StreamId id = streams.create("restore", 1);
    streams.put(id, List.of("a"), List.of("x"));
    streams.split("restore", 0);
    var ctx = context(1);
    RivuletSplitEnumerator e = enumerator(ctx, "restore", StartingPosition.trimHorizon(),
        RivuletEnumeratorState.empty());
    discover(ctx);
    RivuletEnumeratorState state = e.snapshotState(1);
    assertThat(state.assigned()).containsExactly("shardId-000000000000");
    assertThat(state.pending()).extracting(RivuletShardSplit::shardId)
        .containsExactlyInAnyOrder("shardId-000000000001", "shardId-000000000002");

    var restored = context(1);
    RivuletSplitEnumerator r = enumerator(restored, "restore", StartingPosition.latest(),
        serialized(state));
    discover(restored);
    assertThat(assigned(restored)).isEmpty(); // the parent is the reader's, not finished yet
    r.handleSourceEvent(0, new ShardsFinishedEvent(Set.of("shardId-000000000000")));
    restored.getExecutorService().triggerAll();
    restored.triggerAllActions();
    assertThat(restored.getSplitAssignments().get(0).getAssignedSplits())
        .extracting(RivuletShardSplit::shardId, RivuletShardSplit::position)
        .containsExactlyInAnyOrder( // from their start, whatever the start mode now says
            org.assertj.core.groups.Tuple.tuple("shardId-000000000001", Position.trimHorizon()),
            org.assertj.core.groups.Tuple.tuple("shardId-000000000002", Position.trimHorizon()));
  }

  @Test
  void splitsAddedBackGoToTheReaderAgain() {
    streams.create("back", 2);
    var ctx = context(2);
    RivuletSplitEnumerator e = enumerator(ctx, "back", StartingPosition.trimHorizon(),
        RivuletEnumeratorState.empty());
    discover(ctx);
    List<RivuletShardSplit> ofReader1 = ctx.getSplitAssignments().get(1).getAssignedSplits();
    assertThat(ofReader1).hasSize(1);
    e.addSplitsBack(List.copyOf(ofReader1), 1);
    assertThat(e.snapshotState(2).pending()).containsExactlyElementsOf(ofReader1);
    e.addReader(1);
    assertThat(ctx.getSplitAssignments().get(1).getAssignedSplits()).hasSize(2);
    assertThat(e.snapshotState(3).pending()).isEmpty();
  }

  static RivuletEnumeratorState serialized(RivuletEnumeratorState s) throws Exception {
    RivuletEnumeratorStateSerializer ser = RivuletEnumeratorStateSerializer.INSTANCE;
    return ser.deserialize(ser.getVersion(), ser.serialize(s));
  }
}
