package io.rivulet.video.mp4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A growable big-endian byte buffer that writes ISO BMFF boxes: {@link #start} writes a size
 * placeholder and the type, {@link #end} patches the size of the innermost open box. Not
 * thread-safe.
 */
final class BoxWriter {
  private byte[] buf;
  private int len;
  private final Deque<Integer> open = new ArrayDeque<>();

  BoxWriter(int capacity) {
    buf = new byte[Math.max(64, capacity)];
  }

  /** Opens a box of {@code type} (four ASCII characters). */
  BoxWriter start(String type) {
    open.push(len);
    u32(0);
    bytes(type.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /** Opens a full box: type, version and 24-bit flags. */
  BoxWriter startFull(String type, int version, int flags) {
    start(type);
    u8(version);
    u24(flags);
    return this;
  }

  /** Closes the innermost open box, writing its size. */
  BoxWriter end() {
    int at = open.pop();
    putU32(at, len - at);
    return this;
  }

  BoxWriter u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  BoxWriter u16(int v) {
    return u8(v >>> 8).u8(v);
  }

  BoxWriter u24(int v) {
    return u8(v >>> 16).u8(v >>> 8).u8(v);
  }

  BoxWriter u32(long v) {
    ensure(4);
    putU32(len, v);
    len += 4;
    return this;
  }

  BoxWriter u64(long v) {
    return u32(v >>> 32).u32(v & 0xffffffffL);
  }

  BoxWriter zeros(int n) {
    ensure(n);
    len += n;
    return this;
  }

  BoxWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  BoxWriter bytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  BoxWriter ascii(String s) {
    return bytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** The unity transformation matrix of mvhd/tkhd. */
  BoxWriter matrix() {
    int[] m = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};
    for (int v : m) {
      u32(v & 0xffffffffL);
    }
    return this;
  }

  /** Overwrites a 32-bit value written earlier at {@code at}. */
  void putU32(int at, long v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  /** Bytes written so far. */
  int position() {
    return len;
  }

  byte[] toByteArray() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed box");
    }
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
