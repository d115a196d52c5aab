package io.rivulet.video.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the tags of one MKV chunk: each TagName (0x45A3) followed by its TagString (0x4487). */
public final class Chunks {
  private Chunks() {}

  /** Tag name to value, in order. */
  public static Map<String, String> tags(byte[] chunk) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int at = 0; at + 3 < chunk.length; at++) {
      if ((chunk[at] & 0xFF) != 0x45 || (chunk[at + 1] & 0xFF) != 0xA3) {
        continue;
      }
      long[] name = vint(chunk, at + 2);
      if (name == null) {
        continue;
      }
      int nameAt = at + 2 + (int) name[1];
      int v = nameAt + (int) name[0];
      if (v + 3 > chunk.length || (chunk[v] & 0xFF) != 0x44 || (chunk[v + 1] & 0xFF) != 0x87) {
        continue;
      }
      long[] value = vint(chunk, v + 2);
      if (value == null) {
        continue;
      }
      int valueAt = v + 2 + (int) value[1];
      if (valueAt + value[0] > chunk.length) {
        break;
      }
      out.put(new String(chunk, nameAt, (int) name[0], StandardCharsets.UTF_8),
          new String(chunk, valueAt, (int) value[0], StandardCharsets.UTF_8));
    }
    return out;
  }

  /** {value, length} of the vint at {@code at}, or null if there is none. */
  static long[] vint(byte[] b, int at) {
    if (at >= b.length || b[at] == 0) {
      return null;
    }
    int n = Integer.numberOfLeadingZeros(b[at] & 0xFF) - 23;
    if (at + n > b.length) {
      return null;
    }
    long value = b[at] & (0xFF >> n);
    for (int i = 1; i < n; i++) {
      value = (value << 8) | (b[at + i] & 0xFF);
    }
    return new long[] {value, n};
  }
}
