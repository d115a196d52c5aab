package io.rivulet.video.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable video fragments, per stream (keyed by stream ARN, so a re-created stream starts
 * empty): ingest appends them, playback and stream processors read them. Fragment numbers are
 * decimal strings whose lexical order (at equal length) is their numeric order. Implementations
 * are thread-safe.
 */
public interface FragmentStore extends AutoCloseable {

  /**
   * Fragments whose {@code kind} timestamp lies in [from, to] (either may be null: open), in
   * fragment-number order, after {@code afterFragmentNumber} (null: from the first), at most
   * {@code limit}.
   */
  List<FragmentInfo> list(String streamArn, TimestampKind kind, Instant from, Instant to,
      String afterFragmentNumber, int limit);

  /** The fragment's metadata, if it is stored. */
  Optional<FragmentInfo> find(String streamArn, String fragmentNumber);

  /** The newest stored fragment, if any. */
  Optional<FragmentInfo> latest(String streamArn);

  /** A stored fragment whole: metadata, the track header it was sent with, frames, raw bytes. */
  Fragment read(String streamArn, String fragmentNumber) throws IOException;

  /**
   * Calls {@code onPersisted} (on a store thread; must not block) with each fragment persisted
   * from now on, until the returned handle is closed.
   */
  Subscription subscribe(String streamArn, Consumer<FragmentInfo> onPersisted);

  /** A subscription; closing it stops further calls. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** Flushes and closes the store's files. */
  @Override
  void close() throws IOException;

  /** Drops every fragment of the stream (DeleteStream). */
  void deleteStream(String streamArn) throws IOException;

  /** Which timestamp a range selects on. */
  enum TimestampKind { PRODUCER_TIMESTAMP, SERVER_TIMESTAMP }

  /**
   * One stored fragment's metadata.
   *
   * @param durationMillis from the first frame's timecode to the last frame's end
   * @param headerId the {@link StreamHeader} the fragment was sent under
   */
  record FragmentInfo(String streamArn, String fragmentNumber, Instant producerTimestamp,
      Instant serverTimestamp, long durationMillis, long sizeBytes, long headerId) {}

  /**
   * The session header a producer sent before its clusters.
   *
   * @param id unique per stream
   * @param timecodeScaleNanos the Segment Info's TimecodeScale (1,000,000 = milliseconds)
   * @param tracks the Tracks element's entries
   */
  record StreamHeader(long id, long timecodeScaleNanos, List<TrackInfo> tracks) {}

  /**
   * One track: number, type (1 video, 2 audio), CodecID (e.g. "V_MPEG4/ISO/AVC"), CodecPrivate
   * (avcC for H.264), name, and pixel size for video (0 otherwise).
   */
  record TrackInfo(long number, int type, String codecId, byte[] codecPrivate, String name,
      int pixelWidth, int pixelHeight) {}

  /**
   * One frame (a SimpleBlock or Block): its track, absolute timecode in milliseconds (the
   * cluster's timecode plus the block's relative one, in TimecodeScale units converted to ms),
   * whether it is a keyframe, and its payload as sent (AVCC length-prefixed NAL units for H.264).
   */
  record Frame(long trackNumber, long timecodeMillis, boolean keyframe, byte[] data) {}

  /**
   * A whole fragment: metadata, header, frames in order, the producer's per-fragment tags (name to
   * value, in order), and the Cluster element's bytes as stored.
   */
  record Fragment(FragmentInfo info, StreamHeader header, List<Frame> frames,
      List<java.util.Map.Entry<String, String>> tags, byte[] cluster) {}
}
