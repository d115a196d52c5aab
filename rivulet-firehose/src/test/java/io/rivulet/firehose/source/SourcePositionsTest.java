package io.rivulet.firehose.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.ShardInfo;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcePositionsTest {
  @TempDir Path dir;

  static ShardInfo shard(String id, String parent, String adjacent, boolean open) {
    return new ShardInfo(id, parent, adjacent, BigInteger.ZERO, BigInteger.TEN, "s-" + id,
        open ? null : "e-" + id);
  }

  static List<String> ids(List<ShardInfo> shards) {
    return shards.stream().map(ShardInfo::shardId).toList();
  }

  @Test
  void childrenBecomeReadableOnlyWhenEveryListedParentIsReadToItsEnd() {
    SourcePositions p = SourcePositions.fresh(dir, "arn", 1L, 2L);
    List<ShardInfo> listed = List.of(shard("a", null, null, false), shard("b", null, null, false),
        shard("c", "a", null, true), shard("d", "a", "b", true), shard("e", "x", null, true));
    // e's parent x is not listed (expired): e is readable at once
    assertThat(ids(p.readable(listed))).containsExactly("a", "b", "e");
    p.advance("a", "9", true);
    assertThat(ids(p.readable(listed))).containsExactly("b", "c", "e");
    p.advance("b", "7", false);
    assertThat(ids(p.readable(listed))).containsExactly("b", "c", "e");
    p.advance("b", "8", true);
    assertThat(ids(p.readable(listed))).containsExactly("c", "d", "e");
  }

  @Test
  void savesAtomicallyAndLoadsBack() throws Exception {
    assertThat(SourcePositions.load(dir)).isNull();
    SourcePositions p = SourcePositions.fresh(dir, "arn:s", 11L, 22L);
    p.advance("shardId-000000000000", "49123", false);
    p.advance("shardId-000000000001", "49456", true);
    p.save();
    assertThat(Files.list(dir)).extracting(f -> f.getFileName().toString())
        .containsExactly(SourcePositions.FILE);
    SourcePositions back = SourcePositions.load(dir);
    assertThat(back.streamArn()).isEqualTo("arn:s");
    assertThat(back.streamCreatedMillis()).isEqualTo(11L);
    assertThat(back.deliveryStartMillis()).isEqualTo(22L);
    assertThat(back.shard("shardId-000000000001")).isEqualTo(new SourcePositions.Shard("49456", true));
    Position initial = Position.atTimestamp(Instant.EPOCH);
    assertThat(back.position("shardId-000000000000", initial))
        .isEqualTo(Position.afterSequenceNumber("49123"));
    assertThat(back.position("shardId-000000000002", initial)).isEqualTo(initial);
  }

  @Test
  void forgetsShardsNoLongerListedAndReportsTheUnfinishedOnes() {
    SourcePositions p = SourcePositions.fresh(dir, "arn", 1L, 2L);
    p.advance("a", "1", true);
    p.advance("b", "2", false);
    p.advance("c", "3", false);
    assertThat(p.retain(List.of(shard("c", null, null, true)))).containsExactly("b");
    assertThat(p.shard("a")).isNull();
    assertThat(p.shard("c")).isNotNull();
  }
}
