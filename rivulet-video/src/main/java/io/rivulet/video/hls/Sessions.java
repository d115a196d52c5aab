package io.rivulet.video.hls;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.VideoStreamCatalog.Stream;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Creates HLS and DASH sessions from GetHLSStreamingSessionURL / GetDASHStreamingSessionURL
 * bodies with AWS's rules: the stream must exist and retain data, LIVE needs a fragment from the
 * last 30 seconds and no TimestampRange, LIVE_REPLAY and ON_DEMAND need a selector with a range
 * (ON_DEMAND with an end, at most 24 hours after the start) holding at least one fragment, and
 * the first fragment served must be H.264 with codec private data. Thread-safe.
 */
public final class Sessions {
  static final List<String> MODES = List.of("LIVE", "LIVE_REPLAY", "ON_DEMAND");
  static final List<String> SELECTOR_TYPES = List.of("PRODUCER_TIMESTAMP", "SERVER_TIMESTAMP");
  static final List<String> ALWAYS_NEVER = List.of("ALWAYS", "NEVER");

  private final VideoStreamCatalog catalog;
  private final MediaSource media;
  private final FragmentWindow window;
  private final SessionTokens tokens;
  private final Clock clock;
  private final PlaybackAccess access;

  public Sessions(VideoStreamCatalog catalog, MediaSource media, SessionTokens tokens, Clock clock,
      AccessControl access) {
    this.catalog = catalog;
    this.access = new PlaybackAccess(access, catalog);
    this.media = media;
    this.window = new FragmentWindow(media.store());
    this.tokens = tokens;
    this.clock = clock;
  }

  public FragmentWindow window() {
    return window;
  }

  public SessionTokens tokens() {
    return tokens;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The stream a request names (StreamName or StreamARN, exactly one), which must exist, once the
   * caller is authenticated and allowed {@code operation} on it.
   */
  Stream stream(AwsRequest request, String operation, JsonInput in) {
    String name = in.string("StreamName", 1, 256, JsonInput.STREAM_NAME);
    String arn = in.string("StreamARN", 1, 1024, JsonInput.STREAM_ARN);
    if ((name == null) == (arn == null)) {
      throw VideoError.INVALID_ARGUMENT.with("Exactly one of StreamName or StreamARN must be specified.");
    }
    VideoCall call = access.call(request, operation, name, arn);
    return catalog.find(call.accountId(), call.region(), name, arn)
        .filter(s -> !"DELETING".equals(s.status()))
        .orElseThrow(() -> VideoError.RESOURCE_NOT_FOUND.with("The requested stream "
            + (name != null ? name : arn) + " was not found."));
  }

  /** A new session for an HLS ({@code dash} false) or DASH request; checks everything first. */
  public PlaybackSession create(AwsRequest request, boolean dash) {
    JsonInput in = JsonInput.parse(request.body());
    String selector = dash ? "DASHFragmentSelector" : "HLSFragmentSelector";
    String mode = in.enumValue("PlaybackMode", MODES, "LIVE");
    String kindName = in.enumValue(selector + ".FragmentSelectorType", SELECTOR_TYPES, null);
    Instant start = in.timestamp(selector + ".TimestampRange.StartTimestamp");
    Instant end = in.timestamp(selector + ".TimestampRange.EndTimestamp");
    boolean ts = "MPEG_TS".equals(in.enumValue("ContainerFormat",
        List.of("FRAGMENTED_MP4", "MPEG_TS"), "FRAGMENTED_MP4"));
    String discontinuity = in.enumValue("DiscontinuityMode",
        List.of("ALWAYS", "NEVER", "ON_DISCONTINUITY"), null);
    boolean showTs = "ALWAYS".equals(in.enumValue("DisplayFragmentTimestamp", ALWAYS_NEVER, "NEVER"));
    boolean showFn = "ALWAYS".equals(in.enumValue("DisplayFragmentNumber", ALWAYS_NEVER, "NEVER"));
    long expires = in.number("Expires", 300, 43200) == null ? 300 : in.number("Expires", 300, 43200);
    Long max = in.number(dash ? "MaxManifestFragmentResults" : "MaxMediaPlaylistFragmentResults", 1, 5000);
    Stream stream = stream(request, dash ? "GetDASHStreamingSessionURL" : "GetHLSStreamingSessionURL", in);
    checkRange(mode, selector, in.node(selector + ".TimestampRange") != null, kindName, start, end);
    TimestampKind kind = kindName == null ? TimestampKind.SERVER_TIMESTAMP
        : TimestampKind.valueOf(kindName);
    if (discontinuity == null) {
      discontinuity = kind == TimestampKind.SERVER_TIMESTAMP ? "ALWAYS" : "NEVER";
    }
    if (stream.dataRetentionInHours() == 0) {
      throw VideoError.NO_DATA_RETENTION.with("The stream " + stream.streamName()
          + " does not retain data (DataRetentionInHours is 0).");
    }
    Instant now = clock.instant();
    int maxResults = max != null ? max.intValue() : "ON_DEMAND".equals(mode) ? 1000 : 5;
    PlaybackSession s = new PlaybackSession(UUID.randomUUID().toString(), dash ? "DASH" : "HLS",
        stream.streamArn(), mode, kind, start, end, ts, discontinuity, showTs, showFn, maxResults,
        now, now.plus(Duration.ofSeconds(expires)));
    FragmentInfo first = firstFragment(s, now);
    MediaSource.track(media.fragment(s.streamArn(), first.fragmentNumber()));
    return s;
  }

  private static void checkRange(String mode, String selector, boolean hasRange, String kind,
      Instant start, Instant end) {
    if ("LIVE".equals(mode)) {
      if (hasRange) {
        throw VideoError.INVALID_ARGUMENT.with("TimestampRange must not be set when PlaybackMode is LIVE.");
      }
      return;
    }
    if (kind == null || start == null) {
      throw VideoError.INVALID_ARGUMENT.with(selector + " with a FragmentSelectorType and a"
          + " TimestampRange StartTimestamp is required when PlaybackMode is " + mode + ".");
    }
    if ("ON_DEMAND".equals(mode) && end == null) {
      throw VideoError.INVALID_ARGUMENT.with("EndTimestamp is required when PlaybackMode is ON_DEMAND.");
    }
    if (end != null && !end.isAfter(start)) {
      throw VideoError.INVALID_ARGUMENT.with("EndTimestamp must be later than StartTimestamp.");
    }
    if (end != null && end.isAfter(start.plus(Duration.ofHours(24)))) {
      throw VideoError.INVALID_ARGUMENT.with("EndTimestamp must be within 24 hours of StartTimestamp.");
    }
  }

  /** The fragment whose track the session starts with; ResourceNotFoundException if none. */
  private FragmentInfo firstFragment(PlaybackSession s, Instant now) {
    if (s.live()) {
      if (!window.hasRecent(s.streamArn(), now)) {
        throw VideoError.RESOURCE_NOT_FOUND.with("No fragments found in the stream within the last 30 seconds.");
      }
      return media.store().latest(s.streamArn()).orElseThrow();
    }
    List<FragmentInfo> first = media.store().list(s.streamArn(), s.kind(), s.start(), s.end(), null, 1);
    if (first.isEmpty()) {
      throw VideoError.RESOURCE_NOT_FOUND.with("No fragments found in the stream for the requested time range.");
    }
    return first.get(0);
  }

  /** The scheme and authority requests reached this server by (Host header; TLS or not). */
  public static String baseUrl(AwsRequest request) {
    String host = request.header("host");
    return (request.secure() ? "https://" : "http://") + (host == null ? "localhost" : host);
  }
}
