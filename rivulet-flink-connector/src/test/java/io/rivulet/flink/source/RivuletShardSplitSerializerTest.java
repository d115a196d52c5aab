package io.rivulet.flink.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.StreamId;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splits and enumerator states survive their checkpoint serializers field for field. */
class RivuletShardSplitSerializerTest {
  static final StreamId STREAM = new StreamId("123456789012", "eu-west-1", "clicks", 1_700_000L);

  static RivuletShardSplit roundTrip(RivuletShardSplit s) throws IOException {
    RivuletShardSplitSerializer ser = RivuletShardSplitSerializer.INSTANCE;
    return ser.deserialize(ser.getVersion(), ser.serialize(s));
  }

  @Test
  void everyPositionTypeRoundTrips() throws IOException {
    for (Position p : List.of(Position.trimHorizon(), Position.latest(),
        Position.atTimestamp(Instant.ofEpochSecond(1_700_000_000L, 123_456_789)),
        Position.atSequenceNumber("49590338271490256608559692538361571095921575989136588898"),
        Position.afterSequenceNumber("1"))) {
      RivuletShardSplit s = new RivuletShardSplit(STREAM, "shardId-000000000004",
          List.of("shardId-000000000001", "shardId-000000000002"), p, false);
      assertThat(roundTrip(s)).isEqualTo(s);
      assertThat(roundTrip(s.asFinished())).isEqualTo(s.asFinished());
    }
  }

  @Test
  void enumeratorStateRoundTrips() throws IOException {
    RivuletEnumeratorState state = new RivuletEnumeratorState(STREAM, true,
        List.of(new RivuletShardSplit(STREAM, "shardId-000000000003", List.of("shardId-000000000000"),
            Position.trimHorizon(), false)),
        Set.of("shardId-000000000000", "shardId-000000000001"), Set.of("shardId-000000000000"));
    RivuletEnumeratorStateSerializer ser = RivuletEnumeratorStateSerializer.INSTANCE;
    assertThat(ser.deserialize(ser.getVersion(), ser.serialize(state))).isEqualTo(state);
    RivuletEnumeratorState empty = RivuletEnumeratorState.empty();
    assertThat(ser.deserialize(ser.getVersion(), ser.serialize(empty))).isEqualTo(empty);
  }

  @Test
  void unknownVersionsAreRefused() {
    assertThatThrownBy(() -> RivuletShardSplitSerializer.INSTANCE.deserialize(99, new byte[0]))
        .isInstanceOf(IOException.class).hasMessageContaining("version 99");
    assertThatThrownBy(() -> RivuletEnumeratorStateSerializer.INSTANCE.deserialize(99,
        new byte[0])).isInstanceOf(IOException.class).hasMessageContaining("version 99");
  }
}
