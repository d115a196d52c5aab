package io.rivulet.streams.engine;

/**
 * The Kinesis sequence-number format: a decimal string that decodes to (shard index, shard
 * creation time, log offset) without any lookup.
 *
 * <pre>
 * digits  0-1   "49"                       constant prefix (AWS's numbers start so too)
 * digits  2-13  shard index                12 digits, zero-padded (shardId-NNNNNNNNNNNN)
 * digits 14-26  shard creation time        13 digits, epoch milliseconds
 * digits 27-46  log offset + 1             20 digits, zero-padded
 * </pre>
 *
 * The last part is the record's log offset plus one, so that 0 means "before the shard's first
 * record": a shard's StartingSequenceNumber, and a SubscribeToShard ContinuationSequenceNumber
 * before anything was delivered, from which AFTER_SEQUENCE_NUMBER resumes at offset 0 (KCL
 * resumes fan-out subscriptions that way).
 *
 * All numbers have the same 47 digits, so comparing them as big integers, or as strings, orders
 * them by shard index first (children are created with higher indexes than their parents, so their
 * numbers are greater), then by offset within a shard. Stateless and thread-safe.
 */
public final class SequenceNumbers {
  public static final int LENGTH = 47;
  private static final String PREFIX = "49";

  private SequenceNumbers() {}

  /** A decoded sequence number; {@code offset} is -1 for "before the first record". */
  public record Decoded(int shardIndex, long shardCreatedMillis, long offset) {}

  /** The number of the record at {@code offset} (-1: the position before the first record). */
  public static String encode(int shardIndex, long shardCreatedMillis, long recordOffset) {
    long offset = recordOffset + 1; // the field written
    if (shardIndex >= 0 && shardCreatedMillis >= 0 && shardCreatedMillis < 10_000_000_000_000L && offset >= 0) {
      char[] digits = new char[LENGTH]; // every part fits its width: digits written right to left
      System.arraycopy(prefix(shardIndex, shardCreatedMillis), 0, digits, 0, 27);
      fill(digits, LENGTH, offset);
      return new String(digits);
    }
    StringBuilder sb = new StringBuilder(LENGTH).append(PREFIX);
    pad(sb, shardIndex, 12);
    pad(sb, shardCreatedMillis, 13);
    pad(sb, offset, 20);
    return sb.toString();
  }

  /** Decodes, or returns null when the text is not a sequence number of this format. */
  public static Decoded decode(String text) {
    if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) {
      return null;
    }
    for (int i = 0; i < LENGTH; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    try {
      return new Decoded(
          Integer.parseInt(text.substring(2, 14)),
          Long.parseLong(text.substring(14, 27)),
          Long.parseLong(text.substring(27, 47)) - 1);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The first 27 digits of a shard's numbers (prefix, index, creation time), cached per shard. */
  private static char[] prefix(int shardIndex, long shardCreatedMillis) {
    int slot = shardIndex & (PREFIXES.length - 1);
    Prefix p = PREFIXES[slot];
    if (p == null || p.shardIndex() != shardIndex || p.createdMillis() != shardCreatedMillis) {
      char[] digits = new char[27];
      digits[0] = '4';
      digits[1] = '9';
      fill(digits, 14, shardIndex);
      fill(digits, 27, shardCreatedMillis);
      p = new Prefix(shardIndex, shardCreatedMillis, digits);
      PREFIXES[slot] = p; // racy but safe: a Prefix is immutable (final fields), never modified
    }
    return p.digits();
  }

  private record Prefix(int shardIndex, long createdMillis, char[] digits) {}

  private static final Prefix[] PREFIXES = new Prefix[64];

  /** Writes a non-negative value that fits, zero-padded, into {@code digits} up to {@code end}. */
  private static void fill(char[] digits, int end, long value) {
    int i = end - 1;
    long v = value;
    while (v > Integer.MAX_VALUE) {
      long q = v / 10;
      digits[i--] = (char) ('0' + (int) (v - q * 10));
      v = q;
    }
    for (int w = (int) v; w != 0; ) {
      int q = w / 10;
      digits[i--] = (char) ('0' + (w - q * 10));
      w = q;
    }
    for (int start = end == 14 ? 2 : end == 27 ? 14 : 27; i >= start; i--) {
      digits[i] = '0';
    }
  }

  private static void pad(StringBuilder sb, long value, int width) {
    String s = Long.toString(value);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(s);
  }
}
