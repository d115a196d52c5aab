package io.rivulet.video.store;

import io.rivulet.video.store.FragmentStore.StreamHeader;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import io.rivulet.video.store.WritableFragmentStore.NewFragment;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Byte layouts of the fragment store's files, all big-endian. Every record is framed the same way:
 *
 * <pre>
 * offset 0   int    MAGIC ('KVF1' for fragments, 'KVH1' for headers)
 *        4   int    body length n
 *        8   int    CRC32C of the body
 *       12   n      body
 * </pre>
 *
 * A fragment body ({@code <seq>.frag} segment files):
 *
 * <pre>
 *   0  long  sequence (the fragment number's tail)
 *   8  long  producer timestamp, epoch ms
 *  16  long  server timestamp, epoch ms
 *  24  long  duration, ms
 *  32  long  header id
 *  40  int   tag count t, then t times: UTF name, int value length, UTF-8 value
 *   …  int   cluster length c, then c bytes: the Cluster element (known size)
 * </pre>
 *
 * A header body ({@code headers.dat}): long id, long TimecodeScale, int track count, then per
 * track: long number, int type, UTF CodecID, int length + CodecPrivate, UTF name, int width,
 * int height. Stateless and thread-safe.
 */
final class Records {
  static final int FRAGMENT_MAGIC = 0x4B564631;
  static final int HEADER_MAGIC = 0x4B564831;
  static final int FRAME = 12;
  /** Fixed part of a fragment body before the tags. */
  static final int FIXED = 40;

  /** A whole framed fragment record. */
  static byte[] fragment(long sequence, NewFragment f) {
    return frame(FRAGMENT_MAGIC, body(out -> {
      out.writeLong(sequence);
      out.writeLong(f.producerTimestamp().toEpochMilli());
      out.writeLong(f.serverTimestamp().toEpochMilli());
      out.writeLong(f.durationMillis());
      out.writeLong(f.headerId());
      writeTags(out, f.tags());
      out.writeInt(f.cluster().length);
      out.write(f.cluster());
    }));
  }

  /** A whole framed header record. */
  static byte[] header(StreamHeader h) {
    return frame(HEADER_MAGIC, body(out -> {
      out.writeLong(h.id());
      out.writeLong(h.timecodeScaleNanos());
      out.writeInt(h.tracks().size());
      for (TrackInfo t : h.tracks()) {
        out.writeLong(t.number());
        out.writeInt(t.type());
        out.writeUTF(t.codecId());
        out.writeInt(t.codecPrivate().length);
        out.write(t.codecPrivate());
        out.writeUTF(t.name() == null ? "" : t.name());
        out.writeInt(t.pixelWidth());
        out.writeInt(t.pixelHeight());
      }
    }));
  }

  static StreamHeader readHeader(byte[] body) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
    long id = in.readLong();
    long scale = in.readLong();
    int n = in.readInt();
    List<TrackInfo> tracks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long number = in.readLong();
      int type = in.readInt();
      String codec = in.readUTF();
      byte[] priv = new byte[in.readInt()];
      in.readFully(priv);
      tracks.add(new TrackInfo(number, type, codec, priv, in.readUTF(), in.readInt(),
          in.readInt()));
    }
    return new StreamHeader(id, scale, List.copyOf(tracks));
  }

  /** The tags and cluster of a fragment body (after the fixed part). */
  record Payload(List<Map.Entry<String, String>> tags, byte[] cluster) {}

  static Payload readPayload(byte[] body) throws IOException {
    DataInputStream in = new DataInputStream(
        new java.io.ByteArrayInputStream(body, FIXED, body.length - FIXED));
    int count = in.readInt();
    List<Map.Entry<String, String>> tags = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      byte[] value = new byte[in.readInt()];
      in.readFully(value);
      tags.add(new SimpleImmutableEntry<>(name,
          new String(value, java.nio.charset.StandardCharsets.UTF_8)));
    }
    byte[] cluster = new byte[in.readInt()];
    in.readFully(cluster);
    return new Payload(List.copyOf(tags), cluster);
  }

  private static void writeTags(DataOutputStream out, List<Map.Entry<String, String>> tags)
      throws IOException {
    out.writeInt(tags.size());
    for (Map.Entry<String, String> t : tags) {
      out.writeUTF(t.getKey());
      byte[] v = (t.getValue() == null ? "" : t.getValue())
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(v.length);
      out.write(v);
    }
  }

  static int crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  /** Reads the three frame ints at the buffer's position. */
  record Frame(int magic, int length, int crc) {
    static Frame of(ByteBuffer b) {
      return new Frame(b.getInt(), b.getInt(), b.getInt());
    }
  }

  private interface BodyWriter {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] body(BodyWriter w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      w.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] frame(int magic, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(FRAME + body.length);
    b.putInt(magic).putInt(body.length).putInt(crc(body, 0, body.length)).put(body);
    return b.array();
  }

  private Records() {}
}
