package io.rivulet.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class HashKeysTest {
  @Test
  void partitionKeysHashWithMd5AsUnsigned128BitNumbers() {
    // md5("a") = 0cc175b9c0f1b6a831c399e269772661
    assertThat(HashKeys.of("a")).isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
    // md5("k1") starts with 0xe3..., so its key is in the upper half
    assertThat(HashKeys.of("k1")).isGreaterThan(BigInteger.ONE.shiftLeft(127));
    assertThat(HashKeys.of("ü").signum()).isPositive();
  }

  @Test
  void rangesCoverTheSpaceWithoutGapsOrOverlaps() {
    for (int n : new int[] {1, 2, 3, 7, 1000}) {
      BigInteger next = BigInteger.ZERO;
      for (int i = 0; i < n; i++) {
        assertThat(HashKeys.rangeStart(i, n)).isEqualTo(next);
        next = HashKeys.rangeEnd(i, n).add(BigInteger.ONE);
      }
      assertThat(next).isEqualTo(HashKeys.SPACE);
    }
  }
}
