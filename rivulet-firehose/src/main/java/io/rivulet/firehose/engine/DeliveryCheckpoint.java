package io.rivulet.firehose.engine;

/**
 * How far a delivery stream's buffer has been delivered: every offset below {@code nextOffset}
 * is delivered; {@code pendingFirst}..{@code pendingLast} (both -1 when none) is a range that was
 * being delivered when this was saved, and is delivered again, exactly that range, after a crash,
 * so it produces the same S3 objects and document ids. Immutable.
 */
public record DeliveryCheckpoint(long nextOffset, long pendingFirst, long pendingLast) {

  public static DeliveryCheckpoint start() {
    return new DeliveryCheckpoint(0, -1, -1);
  }

  public boolean hasPending() {
    return pendingFirst >= 0;
  }

  /** The same delivered position with {@code first..last} in flight. */
  public DeliveryCheckpoint pending(long first, long last) {
    return new DeliveryCheckpoint(nextOffset, first, last);
  }

  /** Delivered through {@code last}, nothing in flight. */
  public static DeliveryCheckpoint deliveredThrough(long last) {
    return new DeliveryCheckpoint(last + 1, -1, -1);
  }
}
