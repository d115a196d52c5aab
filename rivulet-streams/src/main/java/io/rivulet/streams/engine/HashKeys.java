package io.rivulet.streams.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 128-bit hash-key space: MD5 of a partition key (as Kinesis maps keys to shards), and the even
 * split of the space among N shards. Thread-safe.
 */
public final class HashKeys {
  public static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);
  public static final BigInteger MAX = SPACE.subtract(BigInteger.ONE);
  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private HashKeys() {}

  /** The unsigned 128-bit MD5 of the partition key's UTF-8 bytes. */
  public static BigInteger of(String partitionKey) {
    byte[] digest = MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8));
    return new BigInteger(1, digest);
  }

  /** The first hash key of shard {@code i} of {@code n} evenly split shards. */
  public static BigInteger rangeStart(int i, int n) {
    return SPACE.divide(BigInteger.valueOf(n)).multiply(BigInteger.valueOf(i));
  }

  /** The last hash key (inclusive) of shard {@code i} of {@code n} evenly split shards. */
  public static BigInteger rangeEnd(int i, int n) {
    return i == n - 1 ? MAX : rangeStart(i + 1, n).subtract(BigInteger.ONE);
  }
}
