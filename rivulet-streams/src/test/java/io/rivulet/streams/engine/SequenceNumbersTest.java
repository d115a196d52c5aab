package io.rivulet.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {
  @Test
  void roundTripsAndHasAFixedWidth() {
    String s = SequenceNumbers.encode(7, 1_764_000_000_123L, 42);
    assertThat(s).hasSize(SequenceNumbers.LENGTH).matches("0|([1-9]\\d{0,128})");
    assertThat(SequenceNumbers.decode(s)).isEqualTo(new SequenceNumbers.Decoded(7, 1_764_000_000_123L, 42));
    String max = SequenceNumbers.encode(Integer.MAX_VALUE, 9_999_999_999_999L, Long.MAX_VALUE - 1);
    assertThat(SequenceNumbers.decode(max).offset()).isEqualTo(Long.MAX_VALUE - 1);
    String beforeFirst = SequenceNumbers.encode(3, 1_764_000_000_123L, -1);
    assertThat(beforeFirst).endsWith("0".repeat(20));
    assertThat(SequenceNumbers.decode(beforeFirst).offset()).isEqualTo(-1);
    assertThat(new java.math.BigInteger(beforeFirst))
        .isLessThan(new java.math.BigInteger(SequenceNumbers.encode(3, 1_764_000_000_123L, 0)));
  }

  @Test
  void ordersByShardThenOffsetAsBigIntegers() {
    long t = 1_764_000_000_000L;
    BigInteger a = new BigInteger(SequenceNumbers.encode(0, t, 999_999));
    BigInteger b = new BigInteger(SequenceNumbers.encode(1, t - 5000, 0)); // a later child shard
    BigInteger c = new BigInteger(SequenceNumbers.encode(1, t - 5000, 1));
    assertThat(a).isLessThan(b);
    assertThat(b).isLessThan(c);
  }

  @Test
  void rejectsWhatItDidNotIssue() {
    assertThat(SequenceNumbers.decode("12345")).isNull();
    assertThat(SequenceNumbers.decode(null)).isNull();
    assertThat(SequenceNumbers.decode("4".repeat(47))).isNull();
    assertThat(SequenceNumbers.decode("49" + "x".repeat(45))).isNull();
  }
}
