package io.rivulet.flink.sink;

import java.io.Serializable;
import java.util.UUID;

/**
 * Chooses the partition key of an element written by a {@link RivuletSink} (1 to 256
 * characters); {@link #random()} spreads elements evenly over the shards. Implementations must be
 * serializable and are called by one writer thread at a time.
 */
@FunctionalInterface
public interface PartitionKeySelector<T> extends Serializable {

  String partitionKey(T element);

  /** A random UUID per element. */
  static <T> PartitionKeySelector<T> random() {
    return element -> UUID.randomUUID().toString();
  }
}
