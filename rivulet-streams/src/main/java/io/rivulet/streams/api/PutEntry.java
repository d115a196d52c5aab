package io.rivulet.streams.api;

import java.math.BigInteger;

/**
 * A record to append: its partition key (1 to 256 characters), an optional explicit hash key
 * (0 to 2^128-1, or null to hash the partition key with MD5) and its data. Immutable but for the
 * data array, which the caller must not change until the append completes.
 */
public record PutEntry(String partitionKey, BigInteger explicitHashKey, byte[] data) {

  public PutEntry(String partitionKey, byte[] data) {
    this(partitionKey, null, data);
  }
}
