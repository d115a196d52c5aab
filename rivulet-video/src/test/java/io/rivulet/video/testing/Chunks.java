package io.rivulet.video.testing;

import io.rivulet.video.mkv.MkvEvent;
import io.rivulet.video.mkv.MkvReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the segment-level tags of MKV chunks with the project's MkvReader. */
public final class Chunks {
  private Chunks() {}

  /** Tag name to value, in order, over every Tags element of the bytes. */
  public static Map<String, String> tags(byte[] chunk) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      MkvReader r = new MkvReader(new ByteArrayInputStream(chunk));
      MkvEvent e;
      while ((e = r.next()) != null) {
        if (e instanceof MkvEvent.Tags t) {
          for (MkvEvent.SimpleTag s : t.tags()) {
            out.put(s.name(), s.value());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
