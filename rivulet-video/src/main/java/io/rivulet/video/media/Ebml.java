package io.rivulet.video.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small EBML element builder for the few Matroska elements playback writes (headers, tags,
 * rewrapped clusters): {@code master(id).uint(id, v).string(id, s).end()} appends elements to one
 * growing buffer, master sizes are patched in as 8-byte sizes when each master ends. Element IDs
 * are written as given (their marker bits included, e.g. {@code 0x1A45DFA3}); sizes as 8-byte
 * vints ({@code 0x01} + 7 bytes), which every Matroska reader accepts. Not thread-safe.
 */
public final class Ebml {
  /** The 8-byte "unknown size" (all value bits set), used for a live Segment. */
  public static final long UNKNOWN_SIZE = -1;

  private static final int SIZE_LENGTH = 8;

  private byte[] buf = new byte[256];
  private int len;
  private int[] open = new int[16];
  private int depth;

  /** Starts a master element whose size is filled in by {@link #end()}. */
  public Ebml master(long id) {
    id(id);
    if (depth == open.length) {
      open = java.util.Arrays.copyOf(open, depth * 2);
    }
    open[depth++] = len;
    size(0);
    return this;
  }

  /** Starts a master element of unknown size (never ended: it runs to the end of the data). */
  public Ebml masterUnknownSize(long id) {
    id(id);
    ensure(SIZE_LENGTH);
    buf[len++] = 0x01;
    for (int i = 1; i < SIZE_LENGTH; i++) {
      buf[len++] = (byte) 0xFF;
    }
    return this;
  }

  /** Ends the innermost open master element, writing its size. */
  public Ebml end() {
    if (depth == 0) {
      throw new IllegalStateException("no open master element");
    }
    int at = open[--depth];
    long size = len - at - SIZE_LENGTH;
    int saved = len;
    len = at;
    size(size);
    len = saved;
    return this;
  }

  /** An unsigned integer element in the fewest bytes (at least one). */
  public Ebml uint(long id, long value) {
    int n = 1;
    while (n < 8 && (value >>> (8 * n)) != 0) {
      n++;
    }
    id(id);
    size(n);
    ensure(n);
    for (int i = n - 1; i >= 0; i--) {
      buf[len++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  /** A UTF-8 string element. */
  public Ebml string(long id, String value) {
    return bytes(id, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A binary element. */
  public Ebml bytes(long id, byte[] value) {
    id(id);
    size(value.length);
    raw(value, 0, value.length);
    return this;
  }

  /** An 8-byte float element. */
  public Ebml float64(long id, double value) {
    long bits = Double.doubleToLongBits(value);
    id(id);
    size(8);
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[len++] = (byte) (bits >>> (8 * i));
    }
    return this;
  }

  /** Bytes copied as they are (an element already encoded elsewhere). */
  public Ebml raw(byte[] data, int offset, int length) {
    ensure(length);
    System.arraycopy(data, offset, buf, len, length);
    len += length;
    return this;
  }

  /** The element ID then an 8-byte size, for a master element whose content the caller appends. */
  public Ebml header(long id, long contentSize) {
    id(id);
    size(contentSize);
    return this;
  }

  /** Bytes written so far. */
  public int length() {
    return len;
  }

  /** A copy of the bytes written; every master must be ended. */
  public byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " master element(s) still open");
    }
    return java.util.Arrays.copyOf(buf, len);
  }

  /** Writes the bytes to {@code out}. */
  public void writeTo(ByteArrayOutputStream out) {
    out.write(buf, 0, len);
  }

  private void id(long id) {
    int n = id > 0xFFFFFFL ? 4 : id > 0xFFFFL ? 3 : id > 0xFFL ? 2 : 1;
    ensure(n);
    for (int i = n - 1; i >= 0; i--) {
      buf[len++] = (byte) (id >>> (8 * i));
    }
  }

  private void size(long size) {
    ensure(SIZE_LENGTH);
    buf[len++] = 0x01;
    for (int i = SIZE_LENGTH - 2; i >= 0; i--) {
      buf[len++] = (byte) (size >>> (8 * i));
    }
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  /** The length in bytes of the vint starting with {@code first} (1..8); throws on a zero byte. */
  static int vintLength(byte first) {
    int b = first & 0xFF;
    if (b == 0) {
      throw new IllegalArgumentException("invalid EBML vint");
    }
    return Integer.numberOfLeadingZeros(b) - 23;
  }

  /**
   * The value of the vint at {@code at} with its marker bit removed, or {@link #UNKNOWN_SIZE} when
   * all its value bits are set. Throws if the data ends first.
   */
  static long vintValue(byte[] data, int at) {
    if (at >= data.length) {
      throw new IllegalArgumentException("EBML data ends at " + at);
    }
    int n = vintLength(data[at]);
    if (at + n > data.length) {
      throw new IllegalArgumentException("EBML data ends inside a vint at " + at);
    }
    long value = data[at] & (0xFF >> n);
    boolean allOnes = value == (0xFF >> n);
    for (int i = 1; i < n; i++) {
      int b = data[at + i] & 0xFF;
      allOnes &= b == 0xFF;
      value = (value << 8) | b;
    }
    return allOnes ? UNKNOWN_SIZE : value;
  }
}
