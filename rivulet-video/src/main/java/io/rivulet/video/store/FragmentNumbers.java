package io.rivulet.video.store;

/**
 * Fragment numbers: 47 decimal digits, {@code 9}, the stream's creation time in milliseconds (16
 * digits, from the ARN's last part) and a 30-digit sequence, so that numbers of one stream sort
 * lexically as they do numerically, and differ between streams created at different times.
 * Stateless and thread-safe.
 */
public final class FragmentNumbers {
  static final int LENGTH = 47;
  private static final int SEQUENCE_DIGITS = 30;

  /** The 17-digit prefix of a stream's fragment numbers. */
  public static String prefix(String streamArn) {
    long millis = 0;
    int slash = streamArn.lastIndexOf('/');
    try {
      millis = Long.parseLong(streamArn.substring(slash + 1)) % 10_000_000_000_000_000L;
    } catch (NumberFormatException e) {
      millis = Math.floorMod(streamArn.hashCode(), 1_000_000_000L);
    }
    return "9" + pad(millis, 16);
  }

  /** The fragment number of sequence {@code sequence} in a stream with this prefix. */
  public static String format(String prefix, long sequence) {
    return prefix + pad(sequence, SEQUENCE_DIGITS);
  }

  /** The sequence in {@code number}, or -1 if it is not a number of this prefix. */
  public static long sequence(String prefix, String number) {
    if (number == null || number.length() != LENGTH || !number.startsWith(prefix)) {
      return -1;
    }
    String tail = number.substring(prefix.length());
    for (int i = 0; i < tail.length(); i++) {
      if (tail.charAt(i) < '0' || tail.charAt(i) > '9') {
        return -1;
      }
    }
    String digits = tail.replaceFirst("^0+(?=.)", "");
    return digits.length() > 18 ? -1 : Long.parseLong(digits);
  }

  private static String pad(long value, int digits) {
    String s = Long.toString(value);
    return "0".repeat(Math.max(0, digits - s.length())) + s;
  }

  private FragmentNumbers() {}
}
