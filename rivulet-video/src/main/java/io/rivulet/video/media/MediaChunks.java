package io.rivulet.video.media;

import io.rivulet.video.mkv.Ebml;
import io.rivulet.video.mkv.EbmlWriter;
import io.rivulet.video.mkv.Matroska;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.StreamHeader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * of Segments. Elements are built with {@link Matroska} (sizes in the fewest bytes, as the Tags'
 * Targets carry TargetTypeValue 50). An error chunk ends a response that cannot go on: the header, then {@code
 * Tags{AWS_KINESISVIDEO_ERROR_CODE, AWS_KINESISVIDEO_ERROR_ID}}. Stateless and thread-safe.
 */
public final class MediaChunks {
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
  private static final String DOC_TYPE = "matroska";

  private MediaChunks() {}

  /** A GetMedia chunk: metadata tags, the cluster, then MILLIS_BEHIND_NOW and the token. */
  public static byte[] getMediaChunk(Fragment fragment, long millisBehindNow) {
    EbmlWriter w = head(fragment);
    FragmentInfo info = fragment.info();
    w.raw(Matroska.tags(List.of(
        Map.entry(FRAGMENT_NUMBER, info.fragmentNumber()),
        Map.entry(SERVER_TIMESTAMP, seconds(info.serverTimestamp())),
        Map.entry(PRODUCER_TIMESTAMP, seconds(info.producerTimestamp())))));
    cluster(w, fragment.cluster());
    w.raw(Matroska.tags(List.of(
        Map.entry(MILLIS_BEHIND_NOW, Long.toString(Math.max(0, millisBehindNow))),
        Map.entry(CONTINUATION_TOKEN, info.fragmentNumber()))));
    return w.toByteArray();
  }

  /** A GetMediaForFragmentList chunk: metadata tags (both spellings), then the cluster. */
  public static byte[] fragmentListChunk(Fragment fragment) {
    EbmlWriter w = head(fragment);
    FragmentInfo info = fragment.info();
    w.raw(Matroska.tags(List.of(
        Map.entry(FRAGMENT_NUMBER, info.fragmentNumber()),
        Map.entry(SERVER_TIMESTAMP, seconds(info.serverTimestamp())),
        Map.entry(PRODUCER_TIMESTAMP, seconds(info.producerTimestamp())),
        Map.entry(SERVER_SIDE_TIMESTAMP, seconds(info.serverTimestamp())),
        Map.entry(PRODUCER_SIDE_TIMESTAMP, seconds(info.producerTimestamp())))));
    cluster(w, fragment.cluster());
    return w.toByteArray();
  }

  /**
   * An error chunk: EBML header, Segment, and the error tags (with the fragment number when one is
   * concerned).
   *
   * @param errorId 3002 write error, 4000 fragment not found, 5000 internal error
   */
  public static byte[] errorChunk(String fragmentNumber, String errorCode, int errorId) {
    List<Map.Entry<String, String>> tags = new ArrayList<>();
    if (fragmentNumber != null) {
      tags.add(Map.entry(FRAGMENT_NUMBER, fragmentNumber));
    }
    tags.add(Map.entry(ERROR_CODE, errorCode));
    tags.add(Map.entry(ERROR_ID, Integer.toString(errorId)));
    return new EbmlWriter().raw(Matroska.ebmlHeader(DOC_TYPE)).raw(Matroska.segmentStart())
        .raw(Matroska.tags(tags)).toByteArray();
  }

  /** Epoch seconds with milliseconds, as KVS writes timestamps in tags: {@code 1511852109.126}. */
  public static String seconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).setScale(3).toPlainString();
  }

  /** EBML header, Segment (unknown size), Info, Tracks, and the producer's tags. */
  private static EbmlWriter head(Fragment fragment) {
    StreamHeader header = fragment.header();
    EbmlWriter w = new EbmlWriter().raw(Matroska.ebmlHeader(DOC_TYPE))
        .raw(Matroska.segmentStart())
        .raw(Matroska.info(header.timecodeScaleNanos(), null, APP))
        .raw(Matroska.tracks(header.tracks()));
    List<Map.Entry<String, String>> producer = fragment.tags() == null ? List.of()
        : fragment.tags().stream().filter(t -> !END_OF_FRAGMENT.equals(t.getKey())).toList();
    if (!producer.isEmpty()) {
      w.raw(Matroska.tags(producer));
    }
    return w;
  }

  /**
   * The stored Cluster with an 8-byte known size: a stored cluster may carry an unknown size (live
   * producers write it so), a shorter size, or be its children alone; its children are copied.
   */
  static void cluster(EbmlWriter w, byte[] stored) {
    int start = 0;
    int end = stored.length;
    if (stored.length > 4 && (stored[0] & 0xFF) == 0x1F && (stored[1] & 0xFF) == 0x43
        && (stored[2] & 0xFF) == 0xB6 && (stored[3] & 0xFF) == 0x75) {
      int first = stored[4] & 0xFF;
      if (first == 0) {
        throw new IllegalArgumentException("invalid Cluster size");
      }
      int sizeLength = Integer.numberOfLeadingZeros(first) - 23;
      long size = first & (0xFF >> sizeLength);
      for (int i = 1; i < sizeLength; i++) {
        size = (size << 8) | (stored[4 + i] & 0xFF);
      }
      start = 4 + sizeLength;
      if (size != Ebml.unknownSize(sizeLength) && start + size < end) {
        end = (int) (start + size);
      }
    }
    w.masterHeader(Ebml.CLUSTER, end - start).raw(Arrays.copyOfRange(stored, start, end));
  }
}
