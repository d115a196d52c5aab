package io.rivulet.video.ingest;

import io.rivulet.video.mkv.Ebml;
import io.rivulet.video.mkv.EbmlWriter;
import io.rivulet.video.mkv.Matroska;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds MKV as the KVS producer SDK sends it (unknown sizes, END_OF_FRAGMENT tags). */
final class ProducerMkv {
  static final TrackInfo VIDEO = new TrackInfo(1, 1, "V_MPEG4/ISO/AVC",
      new byte[] {1, 66, 0, 30, -1, -31, 0, 4, 103, 66, 0, 30, 1, 0, 2, 104, -50},
      "kvs_video_track", 320, 240);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProducerMkv header(List<TrackInfo> tracks) {
    out.writeBytes(Matroska.ebmlHeader("matroska"));
    out.writeBytes(Ebml.idBytes(Ebml.SEGMENT));
    out.write(0xFF);
    out.writeBytes(Matroska.info(1_000_000, "Kinesis Video SDK", "Kinesis Video SDK"));
    out.writeBytes(Matroska.tracks(tracks));
    return this;
  }

  ProducerMkv header() {
    return header(List.of(VIDEO));
  }

  /** An unknown-size Cluster at {@code timecode} ms with {@code frames} frames 40 ms apart. */
  ProducerMkv cluster(long timecode, int frames) {
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      offsets.add(i * 40);
    }
    return cluster(timecode, 1, offsets, 200);
  }

  ProducerMkv cluster(long timecode, long track, List<Integer> offsets, int frameBytes) {
    out.writeBytes(Ebml.idBytes(Ebml.CLUSTER));
    out.write(0xFF);
    out.writeBytes(new EbmlWriter().uint(Ebml.TIMECODE, timecode).toByteArray());
    for (int i = 0; i < offsets.size(); i++) {
      byte[] frame = new byte[frameBytes];
      frame[0] = (byte) i;
      out.writeBytes(Matroska.simpleBlock(track, offsets.get(i), i == 0, frame));
    }
    return this;
  }

  ProducerMkv tags(Map<String, String> tags) {
    out.writeBytes(Matroska.tags(List.copyOf(tags.entrySet())));
    return this;
  }

  ProducerMkv endOfFragment() {
    return tags(Map.of(IngestSession.END_OF_FRAGMENT, ""));
  }

  ProducerMkv raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
