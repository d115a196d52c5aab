package io.rivulet.video.media;

import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.StreamHeader;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The MKV chunks GetMedia and GetMediaForFragmentList answer with, one per fragment, laid out as
 * Kinesis Video Streams lays them out (and as the KVS parser library reads them):
 *
 * <pre>
 * EBML header (DocType matroska)
 * Segment (unknown size: 0x01FFFFFFFFFFFFFF)
 *   Info   { TimecodeScale, MuxingApp, WritingApp }
 *   Tracks { TrackEntry { TrackNumber, TrackUID, TrackType, Name, CodecID, CodecPrivate,
 *                         Video { PixelWidth, PixelHeight } } ... }
 *   Tags   { the producer's per-fragment tags }                      (when it sent any)
 *   Tags   { AWS_KINESISVIDEO_FRAGMENT_NUMBER, _SERVER_TIMESTAMP, _PRODUCER_TIMESTAMP }
 *   Cluster (known 8-byte size) { the stored cluster's children, as stored }
 *   Tags   { AWS_KINESISVIDEO_MILLIS_BEHIND_NOW, AWS_KINESISVIDEO_CONTINUATION_TOKEN }  (GetMedia)
 * </pre>
 *
 * Timestamps in tags are epoch seconds with milliseconds ({@code 1511852109.126}). Every chunk
 * repeats the header, so any chunk alone is a playable MKV file and the concatenation is a stream
 * of Segments. An error chunk ends a response that cannot go on: the header, then {@code
 * Tags{AWS_KINESISVIDEO_ERROR_CODE, AWS_KINESISVIDEO_ERROR_ID}}. Stateless and thread-safe.
 */
public final class MediaChunks {
  static final long EBML = 0x1A45DFA3L;
  static final long SEGMENT = 0x18538067L;
  static final long INFO = 0x1549A966L;
  static final long TIMECODE_SCALE = 0x2AD7B1L;
  static final long MUXING_APP = 0x4D80;
  static final long WRITING_APP = 0x5741;
  static final long TRACKS = 0x1654AE6BL;
  static final long TRACK_ENTRY = 0xAE;
  static final long TRACK_NUMBER = 0xD7;
  static final long TRACK_UID = 0x73C5;
  static final long TRACK_TYPE = 0x83;
  static final long CODEC_ID = 0x86;
  static final long CODEC_PRIVATE = 0x63A2;
  static final long TRACK_NAME = 0x536E;
  static final long VIDEO = 0xE0;
  static final long PIXEL_WIDTH = 0xB0;
  static final long PIXEL_HEIGHT = 0xBA;
  static final long TAGS = 0x1254C367L;
  static final long TAG = 0x7373;
  static final long TARGETS = 0x63C0;
  static final long SIMPLE_TAG = 0x67C8;
  static final long TAG_NAME = 0x45A3;
  static final long TAG_STRING = 0x4487;
  static final long CLUSTER = 0x1F43B675L;
  static final long CLUSTER_TIMECODE = 0xE7;
  static final long SIMPLE_BLOCK = 0xA3;

  public static final String FRAGMENT_NUMBER = "AWS_KINESISVIDEO_FRAGMENT_NUMBER";
  public static final String SERVER_TIMESTAMP = "AWS_KINESISVIDEO_SERVER_TIMESTAMP";
  public static final String PRODUCER_TIMESTAMP = "AWS_KINESISVIDEO_PRODUCER_TIMESTAMP";
  /** The GetMediaForFragmentList documentation's names, written there beside the parser's. */
  public static final String SERVER_SIDE_TIMESTAMP = "AWS_KINESISVIDEO_SERVER_SIDE_TIMESTAMP";
  public static final String PRODUCER_SIDE_TIMESTAMP = "AWS_KINESISVIDEO_PRODUCER_SIDE_TIMESTAMP";
  public static final String MILLIS_BEHIND_NOW = "AWS_KINESISVIDEO_MILLIS_BEHIND_NOW";
  public static final String CONTINUATION_TOKEN = "AWS_KINESISVIDEO_CONTINUATION_TOKEN";
  public static final String ERROR_CODE = "AWS_KINESISVIDEO_ERROR_CODE";
  public static final String ERROR_ID = "AWS_KINESISVIDEO_ERROR_ID";
  /** The producer's end-of-fragment marker; consumed by ingest, never played back. */
  static final String END_OF_FRAGMENT = "AWS_KINESISVIDEO_END_OF_FRAGMENT";

  private static final String APP = "Rivulet";

  private MediaChunks() {}

  /** A GetMedia chunk: metadata tags, the cluster, then MILLIS_BEHIND_NOW and the token. */
  public static byte[] getMediaChunk(Fragment fragment, long millisBehindNow) {
    Ebml e = new Ebml();
    head(e, fragment);
    FragmentInfo info = fragment.info();
    tags(e, List.of(
        Map.entry(FRAGMENT_NUMBER, info.fragmentNumber()),
        Map.entry(SERVER_TIMESTAMP, seconds(info.serverTimestamp())),
        Map.entry(PRODUCER_TIMESTAMP, seconds(info.producerTimestamp()))));
    cluster(e, fragment.cluster());
    tags(e, List.of(
        Map.entry(MILLIS_BEHIND_NOW, Long.toString(Math.max(0, millisBehindNow))),
        Map.entry(CONTINUATION_TOKEN, info.fragmentNumber())));
    return e.toByteArray();
  }

  /** A GetMediaForFragmentList chunk: metadata tags (both spellings), then the cluster. */
  public static byte[] fragmentListChunk(Fragment fragment) {
    Ebml e = new Ebml();
    head(e, fragment);
    FragmentInfo info = fragment.info();
    tags(e, List.of(
        Map.entry(FRAGMENT_NUMBER, info.fragmentNumber()),
        Map.entry(SERVER_TIMESTAMP, seconds(info.serverTimestamp())),
        Map.entry(PRODUCER_TIMESTAMP, seconds(info.producerTimestamp())),
        Map.entry(SERVER_SIDE_TIMESTAMP, seconds(info.serverTimestamp())),
        Map.entry(PRODUCER_SIDE_TIMESTAMP, seconds(info.producerTimestamp()))));
    cluster(e, fragment.cluster());
    return e.toByteArray();
  }

  /**
   * An error chunk: EBML header, Segment, and the error tags (with the fragment number when one is
   * concerned).
   *
   * @param errorId 3002 write error, 4000 fragment not found, 5000 internal error
   */
  public static byte[] errorChunk(String fragmentNumber, String errorCode, int errorId) {
    Ebml e = new Ebml();
    ebmlHeader(e);
    e.masterUnknownSize(SEGMENT);
    List<Map.Entry<String, String>> tags = new java.util.ArrayList<>();
    if (fragmentNumber != null) {
      tags.add(Map.entry(FRAGMENT_NUMBER, fragmentNumber));
    }
    tags.add(Map.entry(ERROR_CODE, errorCode));
    tags.add(Map.entry(ERROR_ID, Integer.toString(errorId)));
    tags(e, tags);
    return e.toByteArray();
  }

  /** Epoch seconds with milliseconds, as KVS writes timestamps in tags: {@code 1511852109.126}. */
  public static String seconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).setScale(3).toPlainString();
  }

  /** EBML header, Segment (unknown size), Info, Tracks, and the producer's tags. */
  private static void head(Ebml e, Fragment fragment) {
    ebmlHeader(e);
    e.masterUnknownSize(SEGMENT);
    info(e, fragment.header());
    tracks(e, fragment.header().tracks());
    List<Map.Entry<String, String>> producer = fragment.tags() == null ? List.of()
        : fragment.tags().stream().filter(t -> !END_OF_FRAGMENT.equals(t.getKey())).toList();
    if (!producer.isEmpty()) {
      tags(e, producer);
    }
  }

  static void ebmlHeader(Ebml e) {
    e.master(EBML)
        .uint(0x4286, 1) // EBMLVersion
        .uint(0x42F7, 1) // EBMLReadVersion
        .uint(0x42F2, 4) // EBMLMaxIDLength
        .uint(0x42F3, 8) // EBMLMaxSizeLength
        .string(0x4282, "matroska") // DocType
        .uint(0x4287, 4) // DocTypeVersion
        .uint(0x4285, 2) // DocTypeReadVersion
        .end();
  }

  static void info(Ebml e, StreamHeader header) {
    e.master(INFO)
        .uint(TIMECODE_SCALE, header.timecodeScaleNanos())
        .string(MUXING_APP, APP)
        .string(WRITING_APP, APP)
        .end();
  }

  static void tracks(Ebml e, List<TrackInfo> tracks) {
    e.master(TRACKS);
    for (TrackInfo t : tracks) {
      e.master(TRACK_ENTRY)
          .uint(TRACK_NUMBER, t.number())
          .uint(TRACK_UID, t.number())
          .uint(TRACK_TYPE, t.type());
      if (t.name() != null && !t.name().isEmpty()) {
        e.string(TRACK_NAME, t.name());
      }
      e.string(CODEC_ID, t.codecId());
      if (t.codecPrivate() != null && t.codecPrivate().length > 0) {
        e.bytes(CODEC_PRIVATE, t.codecPrivate());
      }
      if (t.type() == 1 && t.pixelWidth() > 0 && t.pixelHeight() > 0) {
        e.master(VIDEO).uint(PIXEL_WIDTH, t.pixelWidth()).uint(PIXEL_HEIGHT, t.pixelHeight()).end();
      }
      e.end();
    }
    e.end();
  }

  static void tags(Ebml e, List<Map.Entry<String, String>> tags) {
    e.master(TAGS).master(TAG).master(TARGETS).end();
    for (Map.Entry<String, String> t : tags) {
      e.master(SIMPLE_TAG).string(TAG_NAME, t.getKey())
          .string(TAG_STRING, t.getValue() == null ? "" : t.getValue()).end();
    }
    e.end().end();
  }

  /**
   * The stored Cluster rewritten with a known size: a stored cluster may carry an unknown size
   * (live producers write it so) or be its children alone; either way its children are copied.
   */
  static void cluster(Ebml e, byte[] stored) {
    int start = 0;
    int end = stored.length;
    if (stored.length >= 4 && (stored[0] & 0xFF) == 0x1F && (stored[1] & 0xFF) == 0x43
        && (stored[2] & 0xFF) == 0xB6 && (stored[3] & 0xFF) == 0x75) {
      int sizeLength = Ebml.vintLength(stored[4]);
      long size = Ebml.vintValue(stored, 4);
      start = 4 + sizeLength;
      if (size != Ebml.UNKNOWN_SIZE && start + size < end) {
        end = (int) (start + size);
      }
    }
    e.header(CLUSTER, end - start).raw(stored, start, end - start);
  }

  /**
   * A Cluster element built from frames (absolute millisecond timecodes, TimecodeScale 1 ms): the
   * cluster timecode is the first frame's, each frame one SimpleBlock. Ingest tests and test
   * stores use this to make clusters as producers send them.
   */
  public static byte[] clusterOf(List<Frame> frames) {
    long base = frames.isEmpty() ? 0 : frames.get(0).timecodeMillis();
    Ebml e = new Ebml();
    e.master(CLUSTER).uint(CLUSTER_TIMECODE, base);
    for (Frame f : frames) {
      long rel = f.timecodeMillis() - base;
      if (rel < Short.MIN_VALUE || rel > Short.MAX_VALUE) {
        throw new IllegalArgumentException("frame " + rel + " ms from the cluster start");
      }
      byte[] block = new byte[4 + f.data().length];
      block[0] = (byte) (0x80 | f.trackNumber());
      block[1] = (byte) (rel >> 8);
      block[2] = (byte) rel;
      block[3] = (byte) (f.keyframe() ? 0x80 : 0x00);
      System.arraycopy(f.data(), 0, block, 4, f.data().length);
      e.bytes(SIMPLE_BLOCK, block);
    }
    return e.end().toByteArray();
  }
}
