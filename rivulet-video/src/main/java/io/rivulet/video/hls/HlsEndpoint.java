package io.rivulet.video.hls;

import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoError;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * HLS: {@code POST /getHLSStreamingSessionURL} and the session's resources under {@code
 * /hls/v1/}: {@code getHLSMasterPlaylist.m3u8}, {@code getHLSMediaPlaylist.m3u8}, {@code
 * getMP4InitFragment.mp4}, {@code getMP4MediaFragment.mp4} and {@code getTSFragment.ts}, each
 * authorised by its {@code SessionToken} alone (as AWS's are, so any player can fetch them).
 * Playlists are built from the store on every request; media is remuxed on the fly and cached.
 * Thread-safe.
 */
public final class HlsEndpoint extends SessionEndpoint {
  static final String PREFIX = "/hls/v1/";
  private static final String PLAYLIST = "application/vnd.apple.mpegurl";

  public HlsEndpoint(Sessions sessions, MediaSource media, SessionTimelines timelines) {
    super(sessions, media, timelines, "HLS", "/getHLSStreamingSessionURL",
        "HLSStreamingSessionURL", PREFIX, "getHLSMasterPlaylist.m3u8");
  }

  @Override
  AwsResponse resource(String resource, Map<String, String> q, String token, PlaybackSession s) {
    switch (resource) {
      case "getHLSMasterPlaylist.m3u8":
        return text(HlsPlaylists.master(s, token, media.fragment(s.streamArn(),
            representative(s).fragmentNumber())));
      case "getHLSMediaPlaylist.m3u8":
        return text(mediaPlaylist(s, token));
      case "getMP4InitFragment.mp4": {
        String fn = q.containsKey("FragmentNumber") ? fragmentNumber(q)
            : representative(s).fragmentNumber();
        return Http.media("video/mp4", media.init(s.streamArn(), fn));
      }
      case "getMP4MediaFragment.mp4":
        return Http.media("video/mp4", media.mp4Fragment(s.streamArn(), fragmentNumber(q), s.kind()));
      case "getTSFragment.ts":
        return Http.media("video/mp2t", media.tsFragment(s.streamArn(), fragmentNumber(q), s.kind()));
      default:
        throw VideoError.RESOURCE_NOT_FOUND.with("No HLS resource " + resource + ".");
    }
  }

  private String mediaPlaylist(PlaybackSession s, String token) {
    Instant now = sessions.clock().instant();
    FragmentWindow.Selection sel = sessions.window().select(s, now, timelines.newestListed(s));
    List<SessionTimelines.Entry> entries = timelines.number(s, sel.fragments(), now);
    return HlsPlaylists.media(s, token, entries, sel.complete());
  }

  /** The fragment describing the session's track: its first listed, else the newest stored. */
  private FragmentInfo representative(PlaybackSession s) {
    List<FragmentInfo> listed = sessions.window().select(s, sessions.clock().instant()).fragments();
    if (!listed.isEmpty()) {
      return s.live() ? listed.get(listed.size() - 1) : listed.get(0);
    }
    return latest(s);
  }

  static String fragmentNumber(Map<String, String> q) {
    String fn = q.get("FragmentNumber");
    if (fn == null || fn.isEmpty() || !fn.chars().allMatch(Character::isDigit) || fn.length() > 128) {
      throw VideoError.INVALID_ARGUMENT.with("FragmentNumber must be a fragment number of the stream.");
    }
    return fn;
  }

  private static AwsResponse text(String body) {
    return Http.media(PLAYLIST, body.getBytes(StandardCharsets.UTF_8));
  }
}
