package io.rivulet.video.hls;

import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.time.Instant;

/**
 * One HLS or DASH streaming session as GetHLSStreamingSessionURL / GetDASHStreamingSessionURL
 * created it; carried inside the session token, so the server keeps nothing per session but the
 * live window's sequence numbers. Immutable.
 *
 * @param id random, unique per session
 * @param protocol HLS or DASH
 * @param mode LIVE, LIVE_REPLAY or ON_DEMAND
 * @param kind which fragment timestamp selects fragments and times the media
 * @param start range start (null: none)
 * @param end range end, inclusive (null: none)
 * @param tsContainer MPEG_TS instead of FRAGMENTED_MP4 (HLS only)
 * @param discontinuity ALWAYS, NEVER or ON_DISCONTINUITY (HLS only)
 * @param displayTimestamp PROGRAM-DATE-TIME lines (HLS) or kvs:ts attributes (DASH)
 * @param displayFragmentNumber kvs:fn attributes (DASH only)
 * @param maxResults fragments per media playlist or manifest
 * @param created when the session was created
 * @param expires when the token stops working
 */
public record PlaybackSession(String id, String protocol, String streamArn, String mode,
    TimestampKind kind, Instant start, Instant end, boolean tsContainer, String discontinuity,
    boolean displayTimestamp, boolean displayFragmentNumber, int maxResults, Instant created,
    Instant expires) {

  public boolean live() {
    return "LIVE".equals(mode);
  }

  public boolean onDemand() {
    return "ON_DEMAND".equals(mode);
  }

  public boolean liveReplay() {
    return "LIVE_REPLAY".equals(mode);
  }
}
