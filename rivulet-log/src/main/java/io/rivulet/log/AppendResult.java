package io.rivulet.log;

/** Where an appended batch landed: its first offset, its record count and its batch timestamp. */
public record AppendResult(long firstOffset, int count, long timestamp) {
  public long lastOffset() {
    return firstOffset + count - 1;
  }
}
