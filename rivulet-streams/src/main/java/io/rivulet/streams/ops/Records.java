package io.rivulet.streams.ops;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.CommonError;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.HashKeys;
import io.rivulet.streams.engine.SequenceNumbers;
import java.math.BigInteger;

/** Checks shared by PutRecord and PutRecords. Stateless. */
final class Records {
  private Records() {}

  /** The explicit hash key as a number, or null; InvalidArgumentException when out of range. */
  static BigInteger explicitHashKey(String text) {
    if (text == null) {
      return null;
    }
    BigInteger v = new BigInteger(text);
    if (v.signum() < 0 || v.compareTo(HashKeys.MAX) > 0) {
      throw KinesisError.INVALID_ARGUMENT.with("Invalid ExplicitHashKey. ExplicitHashKey must be in"
          + " the range: [0, 2^128-1]. Specified value was " + text);
    }
    return v;
  }

  /** ValidationException (AWS's wording) when the data blob exceeds the stream's record size. */
  static void checkDataSize(byte[] data, int maxRecordSizeKiB, String path) {
    long max = maxRecordSizeKiB * 1024L;
    if (data.length > max) {
      throw new AwsException(CommonError.VALIDATION, "1 validation error detected: Value"
          + " 'java.nio.HeapByteBuffer[pos=0 lim=" + data.length + " cap=" + data.length + "]' at '"
          + path + "' failed to satisfy constraint: Member must have length less than or equal to "
          + max);
    }
  }

  /** True when a SequenceNumberForOrdering is one this server could have issued. */
  static boolean validOrderingSequence(String sequence) {
    return sequence.equals("0") || SequenceNumbers.decode(sequence) != null;
  }
}
