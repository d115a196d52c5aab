package io.rivulet.benchmarks.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BufferOffsetsTest {
  @Test
  void aRivuletRecordIdCarriesTheBufferOffsetAfterTheCreationTime() {
    assertThat(BufferOffsets.offset("00000001764115200123" + "00000000000000004711")).isEqualTo(4711);
    assertThat(BufferOffsets.offset("00000001764115200123" + "00000000000000000000")).isZero();
  }

  @Test
  void anyOtherRecordIdHasNone() {
    assertThat(BufferOffsets.offset(null)).isEqualTo(-1);
    assertThat(BufferOffsets.offset("49546986683135544286507457936321625675700192471156785154"))
        .isEqualTo(-1); // AWS-like: opaque, longer
    assertThat(BufferOffsets.offset("0000000176411520012300000000000000004x11")).isEqualTo(-1);
  }

  @Test
  void offsetsAreKeptBySequenceNumberAcrossChunks() {
    BufferOffsets offsets = new BufferOffsets();
    offsets.put(0, 10);
    offsets.put((1 << 20) - 1, 11);
    offsets.put(3L << 20, 12);

    assertThat(offsets.get(0)).isEqualTo(10);
    assertThat(offsets.get((1 << 20) - 1)).isEqualTo(11);
    assertThat(offsets.get(3L << 20)).isEqualTo(12);
    assertThat(offsets.get(1)).isEqualTo(-1);
    assertThat(offsets.get(2L << 20)).isEqualTo(-1); // a chunk never written
    assertThat(offsets.get(99L << 20)).isEqualTo(-1);
  }
}
