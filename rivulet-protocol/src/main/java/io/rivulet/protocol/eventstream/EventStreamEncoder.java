package io.rivulet.protocol.eventstream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The AWS event-stream message format ({@code application/vnd.amazon.eventstream}), which
 * SubscribeToShard's response is a sequence of:
 *
 * <pre>
 * offset  size  field
 * 0       4     total length (big-endian, the whole message including both CRCs)
 * 4       4     headers length
 * 8       4     prelude CRC32 (of bytes 0-7)
 * 12      h     headers: name length (1), name (UTF-8), value type (1: 7 = string),
 *               value length (2), value (UTF-8), repeated
 * 12+h    p     payload
 * 12+h+p  4     message CRC32 (of everything before it)
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class EventStreamEncoder {
  private static final int PRELUDE = 12;
  private static final byte STRING = 7;

  private EventStreamEncoder() {}

  /**
   * One message with string headers (in iteration order) and a payload.
   *
   * @throws IllegalArgumentException if a header name is empty or longer than 255 UTF-8 bytes, a
   *     value longer than 65,535, or the message longer than {@link EventStreamDecoder#MAX_MESSAGE}
   *     (the format cannot carry them; found by the fuzz harness, which saw such names and values
   *     wrap around into corrupt frames)
   */
  public static ByteBuffer encode(Map<String, String> headers, byte[] payload) {
    long headersLength = 0;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      int name = utf8(h.getKey()).length;
      int value = utf8(h.getValue()).length;
      if (name < 1 || name > 255 || value > 0xffff) {
        throw new IllegalArgumentException("event-stream header too long or empty: " + h.getKey());
      }
      headersLength += 1 + name + 1 + 2 + value;
    }
    if (PRELUDE + headersLength + payload.length + 4 > EventStreamDecoder.MAX_MESSAGE
        || headersLength > EventStreamDecoder.MAX_HEADERS) {
      throw new IllegalArgumentException("event-stream message too long: " + headersLength + " bytes of headers, "
          + payload.length + " of payload");
    }
    int total = PRELUDE + (int) headersLength + payload.length + 4;
    ByteBuffer out = ByteBuffer.allocate(total);
    out.putInt(total).putInt((int) headersLength);
    CRC32 crc = new CRC32();
    crc.update(out.array(), 0, 8);
    out.putInt((int) crc.getValue());
    for (Map.Entry<String, String> h : headers.entrySet()) {
      byte[] name = utf8(h.getKey());
      byte[] value = utf8(h.getValue());
      out.put((byte) name.length).put(name).put(STRING).putShort((short) value.length).put(value);
    }
    out.put(payload);
    crc.reset();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.flip();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
