package io.rivulet.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocation-light formatters against the {@code String.format} they replace. */
class FastFormatsTest {
  @Test
  void shardIdsAreFormattedAsPercent012d() {
    int[] samples = {0, 1, 9, 10, 99, 100, 12345, 999_999_999, 1_000_000_000, Integer.MAX_VALUE, -1, -42,
        Integer.MIN_VALUE};
    for (int index : samples) {
      assertThat(ShardMeta.shardId(index)).isEqualTo(String.format("shardId-%012d", index));
    }
    Random random = new Random(7);
    for (int n = 0; n < 10_000; n++) {
      int index = random.nextInt(n % 2 == 0 ? 1000 : Integer.MAX_VALUE);
      assertThat(ShardMeta.shardId(index)).isEqualTo(String.format("shardId-%012d", index));
    }
  }

  @Test
  void sequenceNumbersAreFormattedAsBefore() {
    long[][] samples = {{0, 0, 0}, {1, 1, 1}, {Integer.MAX_VALUE, 9_999_999_999_999L, Long.MAX_VALUE},
        {7, 1_764_000_000_123L, 42}, {3, 10_000_000_000_000L, 5}, {2, -1, 5}, {-1, 5, 5}, {4, 5, -9}};
    for (long[] s : samples) {
      assertThat(SequenceNumbers.encode((int) s[0], s[1], s[2])).isEqualTo(reference((int) s[0], s[1], s[2]));
    }
    Random random = new Random(8);
    for (int n = 0; n < 10_000; n++) {
      int shard = random.nextInt(n % 2 == 0 ? 100 : Integer.MAX_VALUE);
      long created = 1_600_000_000_000L + random.nextInt(Integer.MAX_VALUE);
      long offset = n % 3 == 0 ? random.nextInt(1_000_000) : random.nextLong() & Long.MAX_VALUE;
      assertThat(SequenceNumbers.encode(shard, created, offset)).isEqualTo(reference(shard, created, offset));
    }
  }

  /** The encoding as it was written before (prefix, then each part zero-padded by StringBuilder). */
  private static String reference(int shardIndex, long created, long offset) {
    StringBuilder sb = new StringBuilder("49");
    pad(sb, shardIndex, 12);
    pad(sb, created, 13);
    pad(sb, offset + 1, 20); // the field is the log offset + 1 (SequenceNumbers)
    return sb.toString();
  }

  private static void pad(StringBuilder sb, long value, int width) {
    String s = Long.toString(value);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(s);
  }
}
