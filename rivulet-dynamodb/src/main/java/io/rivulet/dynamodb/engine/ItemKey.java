package io.rivulet.dynamodb.engine;

import io.rivulet.dynamodb.AttributeValue;

/**
 * A primary key: the partition value and the sort value (null without a sort key), ordered by
 * partition then sort value (strings by UTF-16 code units, numbers numerically, binaries unsigned).
 * Immutable.
 */
public record ItemKey(AttributeValue hash, AttributeValue range) implements Comparable<ItemKey> {

  @Override
  public int compareTo(ItemKey o) {
    int c = compareScalars(hash, o.hash);
    if (c != 0 || range == null || o.range == null) {
      return c;
    }
    return compareScalars(range, o.range);
  }

  /** Order of two key values (S, N or B); values of different types order by type. */
  public static int compareScalars(AttributeValue a, AttributeValue b) {
    if (a.type() != b.type()) {
      return a.type().compareTo(b.type());
    }
    return switch (a.type()) {
      case S -> a.s().compareTo(b.s());
      case N -> a.n().compareTo(b.n());
      case B -> a.b().compareTo(b.b());
      default -> throw new IllegalArgumentException("not a key type: " + a.type());
    };
  }

  /** The parallel-scan segment of this key among {@code total}: a stable hash of the partition value. */
  public int segment(int total) {
    return Math.floorMod(mix(hash.hashCode()), total);
  }

  private static int mix(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
