package io.rivulet.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReshardTest {
  static StreamMeta stream(int shards) {
    List<ShardMeta> list = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      list.add(new ShardMeta(i, HashKeys.rangeStart(i, shards).toString(),
          HashKeys.rangeEnd(i, shards).toString(), null, null, 1L, null, null));
    }
    return new StreamMeta("000000000000", "us-east-1", "s", 1L, StreamMeta.ACTIVE, "PROVISIONED",
        24, Map.of(), list, "NONE", null, List.of(), 1024, 1L, shards);
  }

  @Test
  void uniformScalingKeepsLineageValidForEveryAllowedTarget() {
    for (int n = 1; n <= 12; n++) {
      for (int m = (n + 1) / 2; m <= 2 * n; m++) {
        Reshard r = new Reshard(stream(n), 2L, i -> 5);
        r.uniform(m);
        List<ShardMeta> open = r.shards().stream().filter(ShardMeta::isOpen)
            .sorted(java.util.Comparator.comparing(ShardMeta::startHash)).toList();
        assertThat(open).as("%d -> %d", n, m).hasSize(m);
        for (int i = 0; i < m; i++) {
          assertThat(open.get(i).startHash()).isEqualTo(HashKeys.rangeStart(i, m));
          assertThat(open.get(i).endHash()).isEqualTo(HashKeys.rangeEnd(i, m));
        }
        for (ShardMeta s : r.created()) {
          // a child's range is exactly its parents' ranges (one parent: inside it)
          ShardMeta p = r.shard(ShardMeta.parseIndex(s.parentShardId()));
          BigInteger end = s.adjacentParentShardId() == null ? p.endHash()
              : r.shard(ShardMeta.parseIndex(s.adjacentParentShardId())).endHash();
          assertThat(s.startHash()).isGreaterThanOrEqualTo(p.startHash());
          assertThat(s.endHash()).isLessThanOrEqualTo(end);
          assertThat(p.isOpen()).isFalse();
        }
        assertThat(r.shards().stream().filter(s -> !s.isOpen()).map(ShardMeta::lastOffset))
            .allMatch(o -> o == 5 || o == -1);
      }
    }
  }

  @Test
  void sameTargetChangesNothing() {
    Reshard r = new Reshard(stream(4), 2L, i -> 0);
    r.uniform(4);
    assertThat(r.created()).isEmpty();
  }
}
