package io.rivulet.flink.source;

import java.util.Set;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * From a reader to the enumerator: these shards are read to their ends (closed by a split or
 * merge), so their children may be assigned. Sent again after a restore for shards finished
 * since; the enumerator ignores ones it knows. Immutable.
 */
public record ShardsFinishedEvent(Set<String> shardIds) implements SourceEvent {
  private static final long serialVersionUID = 1L;

  public ShardsFinishedEvent {
    shardIds = Set.copyOf(shardIds);
  }
}
