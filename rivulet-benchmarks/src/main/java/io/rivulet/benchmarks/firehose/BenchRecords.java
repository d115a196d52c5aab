package io.rivulet.benchmarks.firehose;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The records the Firehose benchmark sends: fixed-size JSON lines that carry a sequence number and
 * the wall-clock time they were sent, so the objects delivered to S3 can be checked record by
 * record (each acknowledged record once) and each record's delivery latency computed. Immutable
 * after construction; thread-safe.
 *
 * <p>Layout of a record of {@code size} bytes (ASCII, {@code size >= }{@link #MIN_SIZE}):
 * <pre>
 * offset  0  {"seq":               7 bytes
 * offset  7  sequence number      19 characters: the decimal digits, right-aligned after spaces
 * offset 26  ,"sent":              8 bytes
 * offset 34  send time            13 characters: epoch milliseconds, as the sequence number
 * offset 47  ,"msg":"              8 bytes
 * offset 55  message              size - 58 bytes of lower-case words and spaces (log-like text,
 *                                  so GZIP compresses it about as much as real logs)
 * size - 3   "}\n                  3 bytes
 * </pre>
 * Numbers are padded with spaces, not zeros, so each line is valid JSON (a processor or a
 * conversion could read it). Firehose writes records to S3 as they are, concatenated, so an
 * object's content is a whole number of these lines.
 */
final class BenchRecords {
  static final int SEQ_OFFSET = 7;
  static final int SEQ_DIGITS = 19;
  static final int SENT_OFFSET = SEQ_OFFSET + SEQ_DIGITS + 8;
  static final int SENT_DIGITS = 13;
  static final int MSG_OFFSET = SENT_OFFSET + SENT_DIGITS + 8;
  static final int MIN_SIZE = MSG_OFFSET + 3 + 6;
  private static final byte[] HEAD = "{\"seq\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SENT = ",\"sent\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MSG = ",\"msg\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TAIL = "\"}\n".getBytes(StandardCharsets.US_ASCII);
  private static final String[] WORDS = ("request served user session page checkout cart item "
      + "price status ok error timeout retry cache hit miss region zone host latency bytes "
      + "method get post put path api v1 v2 orders events clicks search query result token "
      + "account login logout update delete create list stream shard record batch").split(" ");
  private static final int TEMPLATES = 64;

  /** What a decoded record carries. */
  record Decoded(long seq, long sentMillis) {}

  private final int size;
  private final byte[][] templates;

  /** Records of {@code size} bytes whose messages come from a generator seeded with {@code seed}. */
  BenchRecords(int size, long seed) {
    if (size < MIN_SIZE) {
      throw new IllegalArgumentException("records must be at least " + MIN_SIZE + " bytes, not " + size);
    }
    this.size = size;
    SplittableRandom random = new SplittableRandom(seed);
    templates = new byte[TEMPLATES][];
    for (int t = 0; t < TEMPLATES; t++) {
      byte[] r = new byte[size];
      System.arraycopy(HEAD, 0, r, 0, HEAD.length);
      System.arraycopy(SENT, 0, r, SEQ_OFFSET + SEQ_DIGITS, SENT.length);
      System.arraycopy(MSG, 0, r, SENT_OFFSET + SENT_DIGITS, MSG.length);
      System.arraycopy(TAIL, 0, r, size - TAIL.length, TAIL.length);
      int end = size - TAIL.length;
      for (int i = MSG_OFFSET; i < end; ) {
        byte[] word = WORDS[random.nextInt(WORDS.length)].getBytes(StandardCharsets.US_ASCII);
        for (int j = 0; j < word.length && i < end; j++) {
          r[i++] = word[j];
        }
        if (i < end) {
          r[i++] = ' ';
        }
      }
      templates[t] = r;
    }
  }

  int size() {
    return size;
  }

  /** A new record with sequence number {@code seq}, sent at {@code sentMillis}. */
  byte[] encode(long seq, long sentMillis) {
    if (seq < 0 || sentMillis < 0) {
      throw new IllegalArgumentException("negative sequence number or time");
    }
    byte[] r = templates[(int) (seq % TEMPLATES)].clone();
    digits(r, SEQ_OFFSET, SEQ_DIGITS, seq);
    digits(r, SENT_OFFSET, SENT_DIGITS, sentMillis);
    return r;
  }

  /** Reads the record of {@code size} bytes at {@code offset} of {@code buf}. */
  static Decoded decode(byte[] buf, int offset, int size) {
    for (int i = 0; i < HEAD.length; i++) {
      if (buf[offset + i] != HEAD[i]) {
        throw new IllegalArgumentException("not a benchmark record at offset " + offset);
      }
    }
    if (buf[offset + size - 1] != '\n') {
      throw new IllegalArgumentException("record at offset " + offset + " is not " + size
          + " bytes long (no newline at its end)");
    }
    return new Decoded(parse(buf, offset + SEQ_OFFSET, SEQ_DIGITS),
        parse(buf, offset + SENT_OFFSET, SENT_DIGITS));
  }

  /** Calls {@code each} for every record of an object's (uncompressed) content, in order. */
  static void forEach(byte[] content, int size, java.util.function.Consumer<Decoded> each) {
    if (content.length % size != 0) {
      throw new IllegalArgumentException("an object of " + content.length
          + " bytes does not hold whole records of " + size + " bytes");
    }
    for (int offset = 0; offset < content.length; offset += size) {
      each.accept(decode(content, offset, size));
    }
  }

  /** Writes {@code value} right-aligned in {@code count} characters, spaces before it. */
  private static void digits(byte[] r, int offset, int count, long value) {
    long v = value;
    int i = offset + count - 1;
    do {
      if (i < offset) {
        throw new IllegalArgumentException(value + " has more than " + count + " digits");
      }
      r[i--] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    for (; i >= offset; i--) {
      r[i] = ' ';
    }
  }

  private static long parse(byte[] buf, int offset, int count) {
    int i = offset;
    int end = offset + count;
    while (i < end - 1 && buf[i] == ' ') {
      i++;
    }
    long v = 0;
    for (; i < end; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("not a digit at offset " + i);
      }
      v = v * 10 + d;
    }
    return v;
  }
}
