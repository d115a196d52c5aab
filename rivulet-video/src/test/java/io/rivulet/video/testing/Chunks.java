package io.rivulet.video.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the tags of one MKV chunk as the chunk writer lays them out (8-byte sizes). */
public final class Chunks {
  private Chunks() {}

  /** Tag name to value, in order: each TagName (0x45A3) followed by its TagString (0x4487). */
  public static Map<String, String> tags(byte[] chunk) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int at = 0; at + 11 < chunk.length; at++) {
      if ((chunk[at] & 0xFF) != 0x45 || (chunk[at + 1] & 0xFF) != 0xA3 || chunk[at + 2] != 1) {
        continue;
      }
      int nameSize = size(chunk, at + 3);
      String name = new String(chunk, at + 10, nameSize, StandardCharsets.UTF_8);
      int v = at + 10 + nameSize;
      if ((chunk[v] & 0xFF) == 0x44 && (chunk[v + 1] & 0xFF) == 0x87 && chunk[v + 2] == 1) {
        out.put(name, new String(chunk, v + 10, size(chunk, v + 3), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static int size(byte[] b, int at) {
    long size = 0;
    for (int i = 0; i < 7; i++) {
      size = (size << 8) | (b[at + i] & 0xFF);
    }
    return (int) size;
  }
}
