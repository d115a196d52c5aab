package io.rivulet.streams.engine;

import java.math.BigInteger;

/**
 * One shard's control-plane state: its index (the number in {@code shardId-NNNNNNNNNNNN}), hash-key
 * range (decimal strings), lineage, creation time and, once closed, its close time and last offset.
 * Immutable.
 */
public record ShardMeta(
    int index,
    String startingHashKey,
    String endingHashKey,
    String parentShardId,
    String adjacentParentShardId,
    long createdMillis,
    Long closedMillis,
    Long lastOffset) {

  public String shardId() {
    return shardId(index);
  }

  /** {@code shardId-} and the index zero-padded to 12 digits (as {@code %012d} formats it). */
  public static String shardId(int index) {
    if (index < 0) {
      return String.format("shardId-%012d", index);
    }
    char[] id = {'s', 'h', 'a', 'r', 'd', 'I', 'd', '-', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'};
    for (int i = id.length - 1, v = index; v != 0; i--, v /= 10) {
      id[i] = (char) ('0' + v % 10);
    }
    return new String(id);
  }

  /** The index encoded in a shard id, or -1 if it is not of the form {@code shardId-NNNNNNNNNNNN}. */
  public static int parseIndex(String shardId) {
    if (shardId == null || !shardId.matches("shardId-\\d{12}")) {
      return -1;
    }
    long v = Long.parseLong(shardId.substring(8));
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  public boolean isOpen() {
    return closedMillis == null;
  }

  public BigInteger startHash() {
    return new BigInteger(startingHashKey);
  }

  public BigInteger endHash() {
    return new BigInteger(endingHashKey);
  }

  public String startingSequenceNumber() {
    return SequenceNumbers.encode(index, createdMillis, -1); // before the first record
  }

  /**
   * The last sequence number of a closed shard (of its last record; the shard's starting number
   * when it closed empty), or null while open.
   */
  public String endingSequenceNumber() {
    if (closedMillis == null) {
      return null;
    }
    return SequenceNumbers.encode(index, createdMillis, lastOffset);
  }

  /** This shard closed at {@code atMillis} after its record at {@code last} (-1: none). */
  public ShardMeta closed(long atMillis, long last) {
    return new ShardMeta(index, startingHashKey, endingHashKey, parentShardId, adjacentParentShardId,
        createdMillis, atMillis, last);
  }
}
