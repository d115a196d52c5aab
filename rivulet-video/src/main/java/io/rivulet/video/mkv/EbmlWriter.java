package io.rivulet.video.mkv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds EBML in memory: leaf elements, masters with a known size (the body is built first, then
 * measured) or with an unknown size (8-byte all-ones size, for live Segments), and raw bytes
 * copied as they are (stored Clusters). Not thread-safe.
 */
public final class EbmlWriter {

  /** The body of a master element. */
  @FunctionalInterface
  public interface Body {
    void write(EbmlWriter w);
  }

  /** The 8-byte "unknown" size field. */
  private static final byte[] UNKNOWN_8 = {0x01, -1, -1, -1, -1, -1, -1, -1};

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  /** An unsigned integer element in the fewest bytes (at least one). */
  public EbmlWriter uint(long id, long value) {
    int length = 1;
    while (length < 8 && (value >>> (8 * length)) != 0) {
      length++;
    }
    byte[] b = new byte[length];
    for (int i = length - 1; i >= 0; i--) {
      b[i] = (byte) value;
      value >>>= 8;
    }
    return binary(id, b);
  }

  /** An 8-byte float element. */
  public EbmlWriter float64(long id, double value) {
    long bits = Double.doubleToLongBits(value);
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) bits;
      bits >>>= 8;
    }
    return binary(id, b);
  }

  /** A UTF-8 string element. */
  public EbmlWriter string(long id, String value) {
    return binary(id, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A binary element. */
  public EbmlWriter binary(long id, byte[] value) {
    out.writeBytes(Ebml.idBytes(id));
    out.writeBytes(Ebml.sizeBytes(value.length));
    out.writeBytes(value);
    return this;
  }

  /** A master element with a known size. */
  public EbmlWriter master(long id, Body body) {
    EbmlWriter inner = new EbmlWriter();
    body.write(inner);
    return binary(id, inner.toByteArray());
  }

  /** A master element's header with an 8-byte known size, its body to follow (via raw bytes). */
  public EbmlWriter masterHeader(long id, long size) {
    out.writeBytes(Ebml.idBytes(id));
    out.writeBytes(Ebml.sizeBytes(size, 8));
    return this;
  }

  /** A master element's header with the 8-byte unknown size; children follow. */
  public EbmlWriter unknownSizeHeader(long id) {
    out.writeBytes(Ebml.idBytes(id));
    out.writeBytes(UNKNOWN_8);
    return this;
  }

  /** Bytes copied unchanged (a stored element). */
  public EbmlWriter raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  /** Bytes written so far. */
  public int size() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
