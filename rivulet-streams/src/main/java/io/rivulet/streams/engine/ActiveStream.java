package io.rivulet.streams.engine;

import io.rivulet.log.ShardLog;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A published stream: its metadata, its shard logs, and the routing table of its open shards
 * (sorted by starting hash key, for a binary search per record). Immutable; replaced whole when the
 * metadata changes.
 */
final class ActiveStream {
  final StreamMeta meta;
  private final Map<Integer, ShardLog> logs;
  private final BigInteger[] openStarts;
  private final ShardMeta[] openShards;

  ActiveStream(StreamMeta meta, Map<Integer, ShardLog> logs) {
    this.meta = meta;
    this.logs = Map.copyOf(logs);
    List<ShardMeta> open = new ArrayList<>();
    for (ShardMeta s : meta.shards()) {
      if (s.isOpen()) {
        open.add(s);
      }
    }
    open.sort(Comparator.comparing(ShardMeta::startHash));
    this.openShards = open.toArray(new ShardMeta[0]);
    this.openStarts = new BigInteger[openShards.length];
    for (int i = 0; i < openShards.length; i++) {
      openStarts[i] = openShards[i].startHash();
    }
  }

  ShardLog log(int shardIndex) {
    return logs.get(shardIndex);
  }

  Map<Integer, ShardLog> logs() {
    return logs;
  }

  /** The open shard whose range holds the hash key. */
  ShardMeta route(BigInteger hashKey) {
    int i = Arrays.binarySearch(openStarts, hashKey);
    if (i < 0) {
      i = -i - 2;
    }
    return openShards[Math.max(i, 0)];
  }
}
