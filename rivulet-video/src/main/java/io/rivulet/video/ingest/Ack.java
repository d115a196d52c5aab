package io.rivulet.video.ingest;

import java.nio.charset.StandardCharsets;

/**
 * One PutMedia acknowledgement, rendered as one JSON line:
 * {@code {"EventType":"PERSISTED","FragmentTimecode":1795634974808,"FragmentNumber":"9…"}} (IDLE
 * carries only its type; ERROR adds {@code "ErrorId"}). Immutable.
 *
 * @param fragmentTimecode the fragment's Cluster timecode in milliseconds, or null
 * @param fragmentNumber the fragment number, or null
 * @param error for ERROR, else null
 */
public record Ack(Type type, Long fragmentTimecode, String fragmentNumber, AckError error) {

  /** The EventType values. */
  public enum Type { BUFFERING, RECEIVED, PERSISTED, ERROR, IDLE }

  public static Ack idle() {
    return new Ack(Type.IDLE, null, null, null);
  }

  public static Ack error(AckError error, Long timecode, String fragmentNumber) {
    return new Ack(Type.ERROR, timecode, fragmentNumber, error);
  }

  /** The JSON line, with its newline. */
  public byte[] toJsonLine() {
    StringBuilder b = new StringBuilder(160).append("{\"EventType\":\"").append(type).append('"');
    if (fragmentTimecode != null) {
      b.append(",\"FragmentTimecode\":").append(fragmentTimecode.longValue());
    }
    if (fragmentNumber != null) {
      b.append(",\"FragmentNumber\":\"").append(fragmentNumber).append('"');
    }
    if (error != null) {
      b.append(",\"ErrorId\":").append(error.id());
    }
    return b.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
