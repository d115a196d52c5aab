package io.rivulet.video.mkv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads EBML element headers and payloads from a stream, blocking for bytes as they arrive and
 * counting the offset. Sizes may be "unknown" (all value bits set, any length 1..8), reported as
 * {@link Header#UNKNOWN}. Not thread-safe: one reader per stream.
 */
public final class EbmlReader {

  /**
   * One element header.
   *
   * @param id the id with its marker bits
   * @param size payload size, or {@link #UNKNOWN}
   * @param offset the stream offset of the id's first byte
   * @param headerLength bytes of id plus size field
   */
  public record Header(long id, long size, long offset, int headerLength) {
    public static final long UNKNOWN = -1;

    public boolean unknownSize() {
      return size == UNKNOWN;
    }

    /** The offset just past the payload (only for a known size). */
    public long end() {
      return offset + headerLength + size;
    }
  }

  private final InputStream in;
  private long position;

  public EbmlReader(InputStream in) {
    this(in, 0);
  }

  /** A reader whose first byte is at {@code startOffset} (for messages and element offsets). */
  public EbmlReader(InputStream in, long startOffset) {
    this.in = in;
    this.position = startOffset;
  }

  /** The offset of the next byte to be read. */
  public long position() {
    return position;
  }

  /** The next element header, or null if the stream ends cleanly before it. */
  public Header readHeader() throws IOException {
    long offset = position;
    int first = in.read();
    if (first < 0) {
      return null;
    }
    position++;
    int idLength = Integer.numberOfLeadingZeros(first & 0xFF) - 23;
    if (idLength > 4) {
      throw new MkvException("invalid element id 0x" + Integer.toHexString(first), offset);
    }
    long id = first & 0xFF;
    for (int i = 1; i < idLength; i++) {
      id = (id << 8) | readByte();
    }
    int sizeFirst = readByte();
    int sizeLength = Integer.numberOfLeadingZeros(sizeFirst) - 23;
    if (sizeLength > 8) {
      throw new MkvException("invalid element size for id 0x" + Long.toHexString(id), position - 1);
    }
    long size = sizeFirst & (0xFF >> sizeLength);
    for (int i = 1; i < sizeLength; i++) {
      size = (size << 8) | readByte();
    }
    if (size == Ebml.unknownSize(sizeLength)) {
      size = Header.UNKNOWN;
    }
    return new Header(id, size, offset, idLength + sizeLength);
  }

  /** The payload of a known-size element, at most {@code max} bytes. */
  public byte[] readPayload(Header h, long max) throws IOException {
    checkReadable(h, max);
    return readFully((int) h.size());
  }

  /** The whole element (header bytes re-encoded as read, then payload), at most {@code max}. */
  public byte[] readElement(Header h, long max) throws IOException {
    checkReadable(h, max);
    byte[] out = new byte[h.headerLength() + (int) h.size()];
    writeHeader(h, out);
    readInto(out, h.headerLength(), (int) h.size());
    return out;
  }

  /** Discards a known-size element's payload. */
  public void skip(Header h) throws IOException {
    if (h.unknownSize()) {
      throw new MkvException("cannot skip unknown-size element 0x" + Long.toHexString(h.id()),
          h.offset());
    }
    long left = h.size();
    byte[] scratch = new byte[(int) Math.min(left, 8192)];
    while (left > 0) {
      int n = in.read(scratch, 0, (int) Math.min(left, scratch.length));
      if (n < 0) {
        throw new MkvException("stream ended inside element 0x" + Long.toHexString(h.id()),
            position);
      }
      position += n;
      left -= n;
    }
  }

  /** An unsigned integer payload (0..8 bytes). */
  public long readUnsigned(Header h) throws IOException {
    return unsigned(readPayload(h, 8), h.offset());
  }

  /** A string payload (ASCII or UTF-8; trailing NULs dropped). */
  public String readString(Header h, long max) throws IOException {
    return string(readPayload(h, max));
  }

  /** Big-endian unsigned integer of up to 8 bytes. */
  static long unsigned(byte[] b, long offset) throws MkvException {
    if (b.length > 8) {
      throw new MkvException("integer longer than 8 bytes", offset);
    }
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xFF);
    }
    return v;
  }

  /** Float payload: 0, 4 or 8 bytes. */
  static double floating(byte[] b, long offset) throws MkvException {
    return switch (b.length) {
      case 0 -> 0;
      case 4 -> Float.intBitsToFloat((int) unsigned(b, offset));
      case 8 -> Double.longBitsToDouble(unsigned(b, offset));
      default -> throw new MkvException("float of " + b.length + " bytes", offset);
    };
  }

  static String string(byte[] b) {
    int n = b.length;
    while (n > 0 && b[n - 1] == 0) {
      n--;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  private void checkReadable(Header h, long max) throws MkvException {
    if (h.unknownSize()) {
      throw new MkvException("element 0x" + Long.toHexString(h.id()) + " must have a known size",
          h.offset());
    }
    if (h.size() > max || h.size() > Integer.MAX_VALUE - 16) {
      throw new MkvException("element 0x" + Long.toHexString(h.id()) + " of " + h.size()
          + " bytes exceeds the limit of " + max, h.offset());
    }
  }

  private static void writeHeader(Header h, byte[] out) {
    byte[] id = Ebml.idBytes(h.id());
    int sizeLength = h.headerLength() - id.length;
    System.arraycopy(id, 0, out, 0, id.length);
    byte[] size = Ebml.sizeBytes(h.size(), sizeLength);
    System.arraycopy(size, 0, out, id.length, sizeLength);
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new MkvException("stream ended inside an element header", position);
    }
    position++;
    return b;
  }

  private byte[] readFully(int n) throws IOException {
    byte[] out = new byte[n];
    readInto(out, 0, n);
    return out;
  }

  private void readInto(byte[] out, int off, int n) throws IOException {
    int done = 0;
    while (done < n) {
      int r = in.read(out, off + done, n - done);
      if (r < 0) {
        throw new MkvException("stream ended inside an element", position);
      }
      done += r;
      position += r;
    }
  }
}
