package io.rivulet.video.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The write side of a {@link FragmentStore}, used by PutMedia ingest (an additive extension of the
 * contract). Implementations are thread-safe; appends to one stream are serialised.
 */
public interface WritableFragmentStore extends FragmentStore {

  /**
   * The id of a session header with this TimecodeScale and these tracks: an existing one if an
   * equal header was stored before, else a new one, stored durably before this returns.
   */
  long header(String streamArn, long timecodeScaleNanos, List<TrackInfo> tracks)
      throws IOException;

  /**
   * The number the stream's next fragment gets (PutMedia acknowledges BUFFERING with it before the
   * fragment is whole): greater than every number given out before for the stream, also across
   * restarts while the clock does not go back. A reserved number that is never appended is simply
   * skipped (numbers are not contiguous).
   */
  String reserve(String streamArn, Instant serverTimestamp) throws IOException;

  /**
   * Appends one fragment under a number {@link #reserve}d for it. With {@code retentionHours} > 0
   * the fragment is on disk (as the fsync policy says: {@code group} forces it before this
   * returns) and listed; with 0 it is only kept in memory for a short while, for live readers
   * ({@link #subscribe}, {@link #read}, {@link #latest}), never listed. Either way subscribers hear
   * of it before this returns.
   */
  FragmentInfo append(String streamArn, String fragmentNumber, NewFragment fragment,
      int retentionHours) throws IOException;

  /** Whether {@link #append} of a retained fragment means it is forced to disk. */
  boolean durableOnAppend();

  /**
   * A fragment to append.
   *
   * @param cluster the Cluster element with a known size (Timecode and blocks)
   * @param tags the producer's per-fragment tags, in order
   */
  record NewFragment(Instant producerTimestamp, Instant serverTimestamp, long durationMillis,
      long headerId, List<Map.Entry<String, String>> tags, byte[] cluster) {}
}
