package io.rivulet.video.hls;

import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoError;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * MPEG-DASH: {@code POST /getDASHStreamingSessionURL} and, under {@code /dash/v1/}, {@code
 * getDASHManifest.mpd}, {@code getMP4InitFragment.mp4} and {@code getMP4MediaFragment.mp4}
 * (addressed by the manifest's {@code SequenceNumber}), authorised by the session token alone.
 * Thread-safe.
 */
public final class DashEndpoint extends SessionEndpoint {
  static final String PREFIX = "/dash/v1/";

  public DashEndpoint(Sessions sessions, MediaSource media, SessionTimelines timelines) {
    super(sessions, media, timelines, "DASH", "/getDASHStreamingSessionURL",
        "DASHStreamingSessionURL", PREFIX, "getDASHManifest.mpd");
  }

  @Override
  AwsResponse resource(String resource, Map<String, String> q, String token, PlaybackSession s) {
    switch (resource) {
      case "getDASHManifest.mpd": {
        Instant now = sessions.clock().instant();
        FragmentWindow.Selection sel = sessions.window().select(s, now, timelines.newestListed(s));
        List<SessionTimelines.Entry> entries = timelines.number(s, sel.fragments(), now);
        FragmentInfo sample = entries.isEmpty() ? latest(s) : entries.get(0).info();
        String mpd = DashManifest.render(s, token, media.fragment(s.streamArn(),
            sample.fragmentNumber()), entries, sel.complete(), now);
        return Http.media("application/dash+xml", mpd.getBytes(StandardCharsets.UTF_8));
      }
      case "getMP4InitFragment.mp4": {
        String fn = q.containsKey("FragmentNumber") ? HlsEndpoint.fragmentNumber(q) : first(s);
        return Http.media("video/mp4", media.init(s.streamArn(), fn));
      }
      case "getMP4MediaFragment.mp4": {
        String fn = q.containsKey("FragmentNumber") ? HlsEndpoint.fragmentNumber(q)
            : bySequence(s, q.get("SequenceNumber"));
        return Http.media("video/mp4", media.mp4Fragment(s.streamArn(), fn, s.kind()));
      }
      default:
        throw VideoError.RESOURCE_NOT_FOUND.with("No DASH resource " + resource + ".");
    }
  }

  /** The fragment the session's manifest starts with (the newest for an empty live window). */
  private String first(PlaybackSession s) {
    Instant now = sessions.clock().instant();
    List<FragmentInfo> listed = sessions.window().select(s, now).fragments();
    return (listed.isEmpty() ? latest(s) : listed.get(0)).fragmentNumber();
  }

  private String bySequence(PlaybackSession s, String sequence) {
    long n;
    try {
      n = Long.parseLong(sequence == null ? "" : sequence);
    } catch (NumberFormatException e) {
      throw VideoError.INVALID_ARGUMENT.with("SequenceNumber must be a segment number of the manifest.");
    }
    FragmentInfo f = timelines.bySequence(s, n);
    if (f == null) {
      Instant now = sessions.clock().instant();
      timelines.number(s, sessions.window().select(s, now).fragments(), now);
      f = timelines.bySequence(s, n);
    }
    if (f == null) {
      throw VideoError.RESOURCE_NOT_FOUND.with("Segment " + n + " is no longer in the session's window.");
    }
    return f.fragmentNumber();
  }
}
