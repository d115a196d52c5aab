package io.rivulet.flink.source;

import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.StreamId;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of a stream as a Flink split: the stream incarnation, the shard, its parents (read
 * to their ends before this one is assigned) and where to read next. In a checkpoint the position
 * is {@code AFTER_SEQUENCE_NUMBER} of the last record emitted, so a restored job resumes exactly
 * after it. {@code finished} marks a shard read to its end, kept in the reader's state so the
 * enumerator learns of it again after a restore. Immutable.
 */
public record RivuletShardSplit(StreamId stream, String shardId, List<String> parents,
    Position position, boolean finished) implements SourceSplit {

  public RivuletShardSplit {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(shardId, "shardId");
    Objects.requireNonNull(position, "position");
    parents = List.copyOf(parents);
  }

  @Override
  public String splitId() {
    return shardId;
  }

  public RivuletShardSplit withPosition(Position next) {
    return new RivuletShardSplit(stream, shardId, parents, next, finished);
  }

  public RivuletShardSplit asFinished() {
    return new RivuletShardSplit(stream, shardId, parents, position, true);
  }
}
