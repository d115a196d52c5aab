package io.rivulet.flink.source;

import io.rivulet.streams.api.StreamId;
import java.util.List;
import java.util.Set;

/**
 * The enumerator's checkpoint: the stream incarnation (null before it was first found), whether
 * the shards that existed at the start have been taken in (later ones start at their first
 * record), the splits found but not yet assigned (waiting for their parents or a reader), and the
 * shard ids ever assigned and finished. Splits assigned and not finished live in the readers'
 * state. Immutable.
 */
public record RivuletEnumeratorState(StreamId stream, boolean initialized,
    List<RivuletShardSplit> pending, Set<String> assigned, Set<String> finished) {

  public RivuletEnumeratorState {
    pending = List.copyOf(pending);
    assigned = Set.copyOf(assigned);
    finished = Set.copyOf(finished);
  }

  public static RivuletEnumeratorState empty() {
    return new RivuletEnumeratorState(null, false, List.of(), Set.of(), Set.of());
  }
}
