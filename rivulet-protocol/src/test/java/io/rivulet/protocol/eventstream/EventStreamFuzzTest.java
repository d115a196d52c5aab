package io.rivulet.protocol.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rivulet.fuzz.SeedSweep;
import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.CommonError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets over the event-stream format (docs/SECURITY.md, "Fuzzing"). {@code decode}: any
 * bytes are read message by message; each message either decodes, or the decoder throws {@code
 * SerializationException}, or it waits for more bytes; a decoded message with string headers only
 * re-encodes to exactly its bytes. {@code roundTrip}: headers and a payload cut from the input
 * are encoded (or refused with {@code IllegalArgumentException} when the format cannot carry them)
 * and decode to themselves.
 */
class EventStreamFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void decode(byte[] data) {
    ByteBuffer in = ByteBuffer.wrap(data);
    while (in.hasRemaining()) {
      int start = in.position();
      EventStreamDecoder.Message m;
      try {
        m = EventStreamDecoder.next(in);
      } catch (AwsException e) {
        assertThat(e.code()).isEqualTo(CommonError.SERIALIZATION);
        assertThat(in.position()).isEqualTo(start);
        return;
      }
      if (m == null) {
        assertThat(in.position()).isEqualTo(start);
        return;
      }
      Map<String, String> strings = stringHeaders(m);
      if (strings != null) {
        ByteBuffer again = EventStreamEncoder.encode(strings, m.payload());
        assertThat(again).isEqualTo(ByteBuffer.wrap(data, start, in.position() - start));
      }
    }
  }

  /**
   * Byte 0: how many headers (0-7); then per header a name length, a value length (two bytes,
   * scaled up to past the format's limits) and their text cut from the input; the rest is the
   * payload.
   */
  @FuzzTest(maxDuration = "5m")
  void roundTrip(byte[] data) {
    ByteBuffer in = ByteBuffer.wrap(data);
    Map<String, String> headers = new LinkedHashMap<>();
    int count = in.hasRemaining() ? in.get() & 7 : 0;
    for (int i = 0; i < count && in.remaining() >= 3; i++) {
      int nameLength = (in.get() & 0xff) * 2;
      int valueLength = (in.getShort() & 0xffff) * 2;
      String name = text(in, nameLength);
      String value = text(in, valueLength);
      headers.put(name, value);
    }
    byte[] payload = Arrays.copyOfRange(data, in.position(), data.length);
    ByteBuffer encoded;
    try {
      encoded = EventStreamEncoder.encode(headers, payload);
    } catch (IllegalArgumentException e) {
      long headerBytes = headers.entrySet().stream().mapToLong(h -> 4 + utf8(h.getKey()) + utf8(h.getValue())).sum();
      assertThat(headerBytes > EventStreamDecoder.MAX_HEADERS || headers.entrySet().stream().anyMatch(
          h -> utf8(h.getKey()) == 0 || utf8(h.getKey()) > 255 || utf8(h.getValue()) > 0xffff)).as(e.getMessage()).isTrue();
      return;
    }
    EventStreamDecoder.Message m = EventStreamDecoder.next(encoded);
    assertThat(encoded.hasRemaining()).isFalse();
    assertThat(stringHeaders(m)).containsExactlyEntriesOf(headers);
    assertThat(m.payload()).isEqualTo(payload);
  }

  @Test
  void decodeSweep() {
    assertThat(SeedSweep.run(getClass(), "decode", this::decode)).isPositive();
  }

  @Test
  void roundTripSweep() {
    assertThat(SeedSweep.run(getClass(), "roundTrip", this::roundTrip)).isPositive();
  }

  /** Regression: names over 255 bytes and values over 65,535 used to wrap into corrupt frames. */
  @Test
  void theEncoderRefusesWhatTheFormatCannotCarry() {
    assertThatThrownBy(() -> EventStreamEncoder.encode(Map.of("n".repeat(256), "v"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventStreamEncoder.encode(Map.of("n", "v".repeat(65_536)), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventStreamEncoder.encode(Map.of("", "v"), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    ByteBuffer max = EventStreamEncoder.encode(Map.of("n".repeat(255), "v".repeat(65_535)), new byte[0]);
    assertThat(EventStreamDecoder.next(max).headers()).singleElement()
        .satisfies(h -> assertThat(h.value()).isEqualTo("v".repeat(65_535)));
  }

  /** A prelude claiming 2 GiB with a valid CRC is refused at once, before any allocation. */
  @Test
  void aHugeLengthIsRefusedBeforeAnythingIsAllocated() {
    ByteBuffer prelude = ByteBuffer.allocate(12).putInt(Integer.MAX_VALUE).putInt(0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(prelude.array(), 0, 8);
    prelude.putInt((int) crc.getValue()).flip();
    assertThatThrownBy(() -> EventStreamDecoder.next(prelude))
        .isInstanceOf(AwsException.class).hasMessageContaining("message length 2147483647");
  }

  /** The headers as a map if all are strings with distinct names, else null. */
  private static Map<String, String> stringHeaders(EventStreamDecoder.Message m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (EventStreamDecoder.Header h : m.headers()) {
      if (h.type() != 7 || out.put(h.name(), (String) h.value()) != null) {
        return null;
      }
    }
    return out;
  }

  /**
   * {@code n} characters: up to 64 input bytes as characters (ASCII, or two-byte UTF-8 for bytes
   * with the high bit set), repeated.
   */
  private static String text(ByteBuffer in, int n) {
    StringBuilder chunk = new StringBuilder();
    for (int i = 0; i < Math.min(n, 64) && in.hasRemaining(); i++) {
      int b = in.get();
      chunk.append((b & 0x80) != 0 ? (char) (0xa0 + (b & 0x7f)) : (char) (0x20 + (b & 0x5f)));
    }
    if (chunk.length() == 0) {
      return "";
    }
    StringBuilder out = new StringBuilder(n);
    while (out.length() < n) {
      out.append(chunk, 0, Math.min(chunk.length(), n - out.length()));
    }
    return out.toString();
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
