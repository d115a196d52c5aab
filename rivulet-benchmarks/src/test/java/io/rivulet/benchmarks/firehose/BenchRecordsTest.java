package io.rivulet.benchmarks.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchRecordsTest {
  @Test
  void aRecordIsAJsonLineOfExactlyItsSizeThatDecodesToWhatWasEncoded() throws Exception {
    BenchRecords records = new BenchRecords(1024, 7);
    byte[] r = records.encode(123_456_789L, 1_764_115_200_123L);

    assertThat(r).hasSize(1024);
    assertThat(r[1023]).isEqualTo((byte) '\n');
    JsonNode json = new ObjectMapper().readTree(r);
    assertThat(json.get("seq").asLong()).isEqualTo(123_456_789L);
    assertThat(json.get("sent").asLong()).isEqualTo(1_764_115_200_123L);
    assertThat(json.get("msg").asText()).hasSize(1024 - 58).matches("[a-z0-9 ]+");
    assertThat(BenchRecords.decode(r, 0, 1024))
        .isEqualTo(new BenchRecords.Decoded(123_456_789L, 1_764_115_200_123L));
    assertThat(BenchRecords.decode(records.encode(0, 0), 0, 1024))
        .isEqualTo(new BenchRecords.Decoded(0, 0));
  }

  @Test
  void anObjectOfConcatenatedRecordsIsReadBackInOrder() {
    BenchRecords records = new BenchRecords(BenchRecords.MIN_SIZE, 1);
    ByteArrayOutputStream object = new ByteArrayOutputStream();
    for (long seq = 0; seq < 100; seq++) {
      object.writeBytes(records.encode(seq, 1000 + seq));
    }
    List<BenchRecords.Decoded> read = new ArrayList<>();

    BenchRecords.forEach(object.toByteArray(), BenchRecords.MIN_SIZE, read::add);

    assertThat(read).hasSize(100);
    assertThat(read.get(99)).isEqualTo(new BenchRecords.Decoded(99, 1099));
  }

  @Test
  void somethingElseIsRefused() {
    BenchRecords records = new BenchRecords(100, 1);
    byte[] two = new byte[200];
    System.arraycopy(records.encode(1, 2), 0, two, 0, 100);
    System.arraycopy(records.encode(3, 4), 0, two, 100, 100);

    assertThatThrownBy(() -> BenchRecords.forEach(new byte[150], 100, r -> { }))
        .hasMessageContaining("does not hold whole records");
    assertThatThrownBy(() -> BenchRecords.forEach(two, 50, r -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BenchRecords(63, 1)).hasMessageContaining("at least 64");
  }
}
