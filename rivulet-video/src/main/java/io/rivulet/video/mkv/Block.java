package io.rivulet.video.mkv;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed SimpleBlock or Block: track number, timecode relative to the cluster (signed 16 bits,
 * TimecodeScale units), keyframe flag (SimpleBlock's flag, or a Block without ReferenceBlock), and
 * the frames it carries (several when laced: Xiph, fixed-size or EBML lacing). Immutable.
 */
public record Block(long trackNumber, int relativeTimecode, boolean keyframe, List<byte[]> frames) {

  /**
   * Parses a SimpleBlock or Block payload.
   *
   * @param keyframe for a Block, whether its group has no ReferenceBlock; ignored for SimpleBlocks
   */
  public static Block parse(byte[] p, boolean simple, boolean keyframe, long offset)
      throws MkvException {
    Cursor c = new Cursor(p, offset);
    long track = c.vint();
    if (c.left() < 3) {
      throw new MkvException("block too short", offset);
    }
    int timecode = (short) (((c.u8()) << 8) | c.u8());
    int flags = c.u8();
    boolean key = simple ? (flags & 0x80) != 0 : keyframe;
    int lacing = (flags >> 1) & 3;
    List<byte[]> frames = lacing == 0 ? List.of(c.rest()) : laced(c, lacing, offset);
    return new Block(track, timecode, key, frames);
  }

  private static List<byte[]> laced(Cursor c, int lacing, long offset) throws MkvException {
    int count = c.u8() + 1;
    long[] sizes = new long[count];
    if (lacing == 1) { // Xiph
      for (int i = 0; i < count - 1; i++) {
        int b;
        do {
          b = c.u8();
          sizes[i] += b;
        } while (b == 255);
      }
    } else if (lacing == 3) { // EBML
      sizes[0] = c.vint();
      for (int i = 1; i < count - 1; i++) {
        sizes[i] = sizes[i - 1] + c.signedVint();
        if (sizes[i] < 0) {
          throw new MkvException("negative EBML lace size", offset);
        }
      }
    } else { // fixed
      if (c.left() % count != 0) {
        throw new MkvException("fixed lacing does not divide the block", offset);
      }
      for (int i = 0; i < count - 1; i++) {
        sizes[i] = c.left() / count;
      }
    }
    long used = 0;
    for (int i = 0; i < count - 1; i++) {
      used += sizes[i];
    }
    if (used > c.left()) {
      throw new MkvException("lace sizes exceed the block", offset);
    }
    sizes[count - 1] = c.left() - used;
    List<byte[]> frames = new ArrayList<>(count);
    for (long size : sizes) {
      frames.add(c.take((int) size));
    }
    return frames;
  }

  /** The bytes of all frames together. */
  public int dataSize() {
    int n = 0;
    for (byte[] f : frames) {
      n += f.length;
    }
    return n;
  }

  /** Reads bytes and vints from an in-memory payload. */
  private static final class Cursor {
    private final byte[] p;
    private final long offset;
    private int i;
    private int lastLength;

    Cursor(byte[] p, long offset) {
      this.p = p;
      this.offset = offset;
    }

    int left() {
      return p.length - i;
    }

    int u8() throws MkvException {
      if (i >= p.length) {
        throw new MkvException("block too short", offset);
      }
      return p[i++] & 0xFF;
    }

    long vint() throws MkvException {
      int first = u8();
      int length = Integer.numberOfLeadingZeros(first) - 23;
      if (length > 8) {
        throw new MkvException("invalid vint in block", offset);
      }
      long v = first & (0xFF >> length);
      for (int k = 1; k < length; k++) {
        v = (v << 8) | u8();
      }
      lastLength = length;
      return v;
    }

    long signedVint() throws MkvException {
      long raw = vint();
      return raw - ((1L << (7 * lastLength - 1)) - 1);
    }

    byte[] take(int n) {
      byte[] out = new byte[n];
      System.arraycopy(p, i, out, 0, n);
      i += n;
      return out;
    }

    byte[] rest() {
      return take(left());
    }
  }
}
