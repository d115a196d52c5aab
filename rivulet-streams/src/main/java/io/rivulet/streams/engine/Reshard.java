package io.rivulet.streams.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Plans shard splits and merges on a copy of a stream's shard list: each closes its parent(s) and
 * opens children with the next unused indexes, so lineage always has at most two parents per child
 * as Kinesis's model requires. {@link #uniform(int)} reaches N evenly sized open shards by such
 * steps (shards that exist only between two steps are closed at once, empty). Not thread-safe; one
 * instance per reshard, applied under the stream's write lock.
 */
public final class Reshard {
  private final List<ShardMeta> shards;
  private final long now;
  private final IntToLongFunction lastOffset;
  private final List<ShardMeta> created = new ArrayList<>();
  private int next;

  /**
   * @param lastOffset the last offset written to an existing shard's log (-1 when empty)
   */
  Reshard(StreamMeta meta, long now, IntToLongFunction lastOffset) {
    this.shards = new ArrayList<>(meta.shards());
    this.now = now;
    this.lastOffset = lastOffset;
    this.next = Math.max(meta.nextShardIndex(),
        meta.shards().stream().mapToInt(ShardMeta::index).max().orElse(-1) + 1);
  }

  List<ShardMeta> shards() {
    return shards;
  }

  int nextIndex() {
    return next;
  }

  /** Shards this reshard created (their logs must be opened). */
  List<ShardMeta> created() {
    return created;
  }

  ShardMeta shard(int index) {
    for (ShardMeta s : shards) {
      if (s.index() == index) {
        return s;
      }
    }
    throw new IllegalArgumentException("no shard " + index);
  }

  /** Splits an open shard so that the second child starts at {@code newStart}; returns both. */
  public ShardMeta[] split(int index, BigInteger newStart) {
    ShardMeta parent = close(index);
    ShardMeta left = open(parent.startingHashKey(), newStart.subtract(BigInteger.ONE).toString(),
        parent.shardId(), null);
    ShardMeta right = open(newStart.toString(), parent.endingHashKey(), parent.shardId(), null);
    return new ShardMeta[] {left, right};
  }

  /** Merges two open shards whose ranges are adjacent, {@code a} below {@code b}. */
  public ShardMeta merge(int a, int b) {
    ShardMeta lower = close(a);
    ShardMeta upper = close(b);
    return open(lower.startingHashKey(), upper.endingHashKey(), lower.shardId(), upper.shardId());
  }

  /**
   * Reaches {@code target} open shards of equal width (as CreateStream splits the space): first
   * every open shard is split at each new boundary inside it, then the pieces of each new range
   * are merged left to right.
   */
  public void uniform(int target) {
    List<ShardMeta> pieces = new ArrayList<>();
    for (ShardMeta s : openSorted()) {
      ShardMeta rest = s;
      for (int i = 1; i < target; i++) {
        BigInteger cut = HashKeys.rangeStart(i, target);
        if (cut.compareTo(rest.startHash()) > 0 && cut.compareTo(rest.endHash()) <= 0) {
          ShardMeta[] halves = split(rest.index(), cut);
          pieces.add(halves[0]);
          rest = halves[1];
        }
      }
      pieces.add(rest);
    }
    int p = 0;
    for (int i = 0; i < target; i++) {
      BigInteger end = HashKeys.rangeEnd(i, target);
      ShardMeta acc = pieces.get(p++);
      while (acc.endHash().compareTo(end) < 0) {
        acc = merge(acc.index(), pieces.get(p++).index());
      }
    }
  }

  private List<ShardMeta> openSorted() {
    return shards.stream().filter(ShardMeta::isOpen)
        .sorted(java.util.Comparator.comparing(ShardMeta::startHash)).toList();
  }

  private ShardMeta close(int index) {
    ShardMeta s = shard(index);
    if (!s.isOpen()) {
      throw new IllegalStateException(s.shardId() + " is closed");
    }
    boolean fresh = created.stream().anyMatch(c -> c.index() == index);
    ShardMeta closed = s.closed(now, fresh ? -1 : lastOffset.applyAsLong(index));
    shards.set(shards.indexOf(s), closed);
    created.replaceAll(c -> c.index() == index ? closed : c);
    return closed;
  }

  private ShardMeta open(String start, String end, String parent, String adjacentParent) {
    ShardMeta child = new ShardMeta(next++, start, end, parent, adjacentParent, now, null, null);
    shards.add(child);
    created.add(child);
    return child;
  }
}
