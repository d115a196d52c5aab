package io.rivulet.flink.source;

import io.rivulet.streams.api.Position;

/**
 * A split being read: its position moves to just after each record as the record is emitted, on
 * the task's thread, so a checkpoint taken between two records holds exactly the records before
 * it. Not thread-safe (the reader's mailbox thread only).
 */
final class RivuletShardSplitState {
  private final RivuletShardSplit split;
  private String lastEmitted; // null until a record is emitted

  RivuletShardSplitState(RivuletShardSplit split) {
    this.split = split;
  }

  String shardId() {
    return split.shardId();
  }

  void emitted(String sequenceNumber) {
    lastEmitted = sequenceNumber;
  }

  RivuletShardSplit toSplit() {
    return lastEmitted == null ? split
        : split.withPosition(Position.afterSequenceNumber(lastEmitted));
  }
}
