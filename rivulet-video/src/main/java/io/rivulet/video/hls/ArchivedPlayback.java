package io.rivulet.video.hls;

import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.store.FragmentStore;
import java.time.Clock;
import java.util.List;

/**
 * Wiring for the video router: the HLS, DASH and GetClip endpoints over one fragment store,
 * sharing the session key, the remux cache and the live windows' numbering. Immutable.
 */
public final class ArchivedPlayback {
  /** Bytes of remuxed fragments kept for repeated requests. */
  public static final long DEFAULT_CACHE_BYTES = 64L * 1024 * 1024;

  private ArchivedPlayback() {}

  /**
   * The endpoints, in the order the router should try them; {@code access} checks the callers of
   * the POST operations ({@link AccessControl#off()}: none).
   */
  public static List<VideoEndpoint> endpoints(VideoStreamCatalog catalog, FragmentStore store,
      Clock clock, AccessControl access) {
    MediaSource media = new MediaSource(store, DEFAULT_CACHE_BYTES);
    Sessions sessions = new Sessions(catalog, media, new SessionTokens(clock), clock, access);
    SessionTimelines timelines = new SessionTimelines();
    return List.of(new HlsEndpoint(sessions, media, timelines),
        new DashEndpoint(sessions, media, timelines), new ClipEndpoint(sessions, media));
  }
}
