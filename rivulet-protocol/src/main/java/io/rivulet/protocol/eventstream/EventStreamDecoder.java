package io.rivulet.protocol.eventstream;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.CommonError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Reads AWS event-stream messages (layout in {@link EventStreamEncoder}), with every header value
 * type of the specification:
 *
 * <pre>
 * type  value                      type  value
 * 0     true (no bytes)            5     int64
 * 1     false (no bytes)           6     bytes: length uint16, bytes
 * 2     int8                       7     string: length uint16, UTF-8
 * 3     int16                      8     timestamp: int64 epoch milliseconds
 * 4     int32                      9     UUID: 16 bytes
 * </pre>
 *
 * A message is checked before anything is allocated for it: the prelude CRC first (so a damaged
 * length is never believed), then the total length (16 bytes to {@value #MAX_MESSAGE}) and headers
 * length (at most {@value #MAX_HEADERS} and inside the message), then the message CRC; headers must
 * fill their section exactly, names be 1 to 255 bytes and names and strings valid UTF-8. Anything
 * else is a {@code SerializationException} ({@link AwsException}). It serves as the encoder's
 * oracle in the fuzz harness and is ready for services that receive event streams. Stateless and
 * thread-safe.
 */
public final class EventStreamDecoder {
  /** AWS's limits: a message of at most 16 MiB, headers of at most 128 KiB. */
  public static final int MAX_MESSAGE = 16 * 1024 * 1024;

  public static final int MAX_HEADERS = 128 * 1024;
  private static final int PRELUDE = 12;
  private static final int MIN_MESSAGE = PRELUDE + 4;

  /** A header: its name, wire type (0-9) and value (Boolean, Byte, Short, Integer, Long, byte[], String, Long millis, UUID). */
  public record Header(String name, int type, Object value) {}

  /** One message: its headers in wire order and its payload. */
  public record Message(List<Header> headers, byte[] payload) {}

  private EventStreamDecoder() {}

  /**
   * Decodes the message at {@code in}'s position and moves past it, or returns null (position
   * unchanged) when {@code in} does not hold all of it yet.
   *
   * @throws AwsException {@code SerializationException} when the bytes cannot be a valid message
   */
  public static Message next(ByteBuffer in) {
    int start = in.position();
    if (in.remaining() < PRELUDE) {
      return null;
    }
    int total = in.getInt(start);
    int headersLength = in.getInt(start + 4);
    if (crc(in, start, 8) != in.getInt(start + 8)) {
      throw malformed("prelude CRC mismatch");
    }
    if (total < MIN_MESSAGE || total > MAX_MESSAGE) {
      throw malformed("message length " + Integer.toUnsignedString(total));
    }
    if (headersLength < 0 || headersLength > MAX_HEADERS || headersLength > total - MIN_MESSAGE) {
      throw malformed("headers length " + Integer.toUnsignedString(headersLength));
    }
    if (in.remaining() < total) {
      return null;
    }
    if (crc(in, start, total - 4) != in.getInt(start + total - 4)) {
      throw malformed("message CRC mismatch");
    }
    ByteBuffer headers = in.duplicate().position(start + PRELUDE).limit(start + PRELUDE + headersLength).slice();
    List<Header> parsed = headers(headers);
    byte[] payload = new byte[total - MIN_MESSAGE - headersLength];
    in.get(start + PRELUDE + headersLength, payload);
    in.position(start + total);
    return new Message(parsed, payload);
  }

  /** Every message in {@code in}, which must end at a message boundary. */
  public static List<Message> decodeAll(ByteBuffer in) {
    List<Message> out = new ArrayList<>();
    while (in.hasRemaining()) {
      Message m = next(in);
      if (m == null) {
        throw malformed("truncated message (" + in.remaining() + " bytes left)");
      }
      out.add(m);
    }
    return out;
  }

  private static List<Header> headers(ByteBuffer h) {
    List<Header> out = new ArrayList<>();
    try {
      while (h.hasRemaining()) {
        int nameLength = h.get() & 0xff;
        if (nameLength == 0) {
          throw malformed("empty header name");
        }
        String name = utf8(h, nameLength);
        int type = h.get();
        out.add(new Header(name, type, value(h, type)));
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw malformed("headers end inside a header");
    }
    return out;
  }

  private static Object value(ByteBuffer h, int type) {
    switch (type) {
      case 0:
        return Boolean.TRUE;
      case 1:
        return Boolean.FALSE;
      case 2:
        return h.get();
      case 3:
        return h.getShort();
      case 4:
        return h.getInt();
      case 5:
      case 8:
        return h.getLong();
      case 6: {
        int length = h.getShort() & 0xffff;
        if (length > h.remaining()) {
          throw malformed("headers end inside a header");
        }
        byte[] bytes = new byte[length];
        h.get(bytes);
        return bytes;
      }
      case 7:
        return utf8(h, h.getShort() & 0xffff);
      case 9:
        return new UUID(h.getLong(), h.getLong());
      default:
        throw malformed("header value type " + type);
    }
  }

  private static String utf8(ByteBuffer h, int length) {
    if (length > h.remaining()) {
      throw malformed("headers end inside a header");
    }
    ByteBuffer bytes = h.slice(h.position(), length);
    h.position(h.position() + length);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed("header text is not UTF-8");
    }
  }

  private static int crc(ByteBuffer in, int from, int length) {
    CRC32 crc = new CRC32();
    crc.update(in.duplicate().position(from).limit(from + length));
    return (int) crc.getValue();
  }

  private static AwsException malformed(String why) {
    return new AwsException(CommonError.SERIALIZATION, "Malformed event-stream message: " + why);
  }
}
