package io.rivulet.video.mkv;

import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.util.List;
import java.util.Map;

/**
 * Builders for the Matroska elements Kinesis Video writes: EBML header, a live Segment start,
 * Info, Tracks, segment-level Tags, SimpleBlocks and Clusters. Stateless and thread-safe.
 */
public final class Matroska {

  /** The EBML header for DocType {@code docType} ("matroska" or "webm"). */
  public static byte[] ebmlHeader(String docType) {
    return new EbmlWriter().master(Ebml.EBML, w -> w
        .uint(Ebml.EBML_VERSION, 1)
        .uint(Ebml.EBML_READ_VERSION, 1)
        .uint(Ebml.EBML_MAX_ID_LENGTH, 4)
        .uint(Ebml.EBML_MAX_SIZE_LENGTH, 8)
        .string(Ebml.DOC_TYPE, docType)
        .uint(Ebml.DOC_TYPE_VERSION, 2)
        .uint(Ebml.DOC_TYPE_READ_VERSION, 2)).toByteArray();
  }

  /** A Segment header of unknown (8-byte) size. */
  public static byte[] segmentStart() {
    return new EbmlWriter().unknownSizeHeader(Ebml.SEGMENT).toByteArray();
  }

  /** Segment Info with TimecodeScale and optional title and muxing/writing app (null: left out). */
  public static byte[] info(long timecodeScaleNanos, String title, String app) {
    return new EbmlWriter().master(Ebml.INFO, w -> {
      w.uint(Ebml.TIMECODE_SCALE, timecodeScaleNanos);
      if (title != null) {
        w.string(Ebml.TITLE, title);
      }
      if (app != null) {
        w.string(Ebml.MUXING_APP, app).string(Ebml.WRITING_APP, app);
      }
    }).toByteArray();
  }

  /** Tracks with one TrackEntry per track (TrackUID = number). */
  public static byte[] tracks(List<TrackInfo> tracks) {
    return new EbmlWriter().master(Ebml.TRACKS, w -> {
      for (TrackInfo t : tracks) {
        w.master(Ebml.TRACK_ENTRY, e -> trackEntry(e, t));
      }
    }).toByteArray();
  }

  private static void trackEntry(EbmlWriter e, TrackInfo t) {
    e.uint(Ebml.TRACK_NUMBER, t.number()).uint(Ebml.TRACK_UID, t.number())
        .uint(Ebml.TRACK_TYPE, t.type()).string(Ebml.CODEC_ID, t.codecId());
    if (t.name() != null && !t.name().isEmpty()) {
      e.string(Ebml.NAME, t.name());
    }
    if (t.codecPrivate() != null && t.codecPrivate().length > 0) {
      e.binary(Ebml.CODEC_PRIVATE, t.codecPrivate());
    }
    if (t.pixelWidth() > 0 || t.pixelHeight() > 0) {
      e.master(Ebml.VIDEO, v -> v.uint(Ebml.PIXEL_WIDTH, t.pixelWidth())
          .uint(Ebml.PIXEL_HEIGHT, t.pixelHeight()));
    }
  }

  /** A segment-level Tags element: one Tag holding one SimpleTag per entry, in order. */
  public static byte[] tags(List<Map.Entry<String, String>> tags) {
    return new EbmlWriter().master(Ebml.TAGS, w -> w.master(Ebml.TAG, t -> {
      t.master(Ebml.TARGETS, x -> x.uint(Ebml.TARGET_TYPE_VALUE, 50));
      for (Map.Entry<String, String> e : tags) {
        t.master(Ebml.SIMPLE_TAG, s -> s.string(Ebml.TAG_NAME, e.getKey())
            .string(Ebml.TAG_STRING, e.getValue() == null ? "" : e.getValue()));
      }
    })).toByteArray();
  }

  /** A SimpleBlock element (no lacing). */
  public static byte[] simpleBlock(long track, int relativeTimecode, boolean keyframe,
      byte[] data) {
    if (relativeTimecode < Short.MIN_VALUE || relativeTimecode > Short.MAX_VALUE) {
      throw new IllegalArgumentException("relative timecode out of range: " + relativeTimecode);
    }
    byte[] trackVint = Ebml.sizeBytes(track);
    byte[] payload = new byte[trackVint.length + 3 + data.length];
    System.arraycopy(trackVint, 0, payload, 0, trackVint.length);
    payload[trackVint.length] = (byte) (relativeTimecode >> 8);
    payload[trackVint.length + 1] = (byte) relativeTimecode;
    payload[trackVint.length + 2] = (byte) (keyframe ? 0x80 : 0);
    System.arraycopy(data, 0, payload, trackVint.length + 3, data.length);
    return new EbmlWriter().binary(Ebml.SIMPLE_BLOCK, payload).toByteArray();
  }

  /**
   * A Cluster with an 8-byte known size: the Timecode, then the given child elements copied as
   * they are (SimpleBlocks, BlockGroups).
   */
  public static byte[] cluster(long timecode, List<byte[]> children) {
    byte[] tc = new EbmlWriter().uint(Ebml.TIMECODE, timecode).toByteArray();
    long size = tc.length;
    for (byte[] c : children) {
      size += c.length;
    }
    EbmlWriter w = new EbmlWriter().masterHeader(Ebml.CLUSTER, size).raw(tc);
    for (byte[] c : children) {
      w.raw(c);
    }
    return w.toByteArray();
  }

  private Matroska() {}
}
