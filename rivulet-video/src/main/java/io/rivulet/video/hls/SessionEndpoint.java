package io.rivulet.video.hls;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoException;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What HLS and DASH share: the {@code POST} operation that opens a session and answers its URL,
 * and the session's resources under a path prefix ({@code GET}/{@code HEAD}), each authorised by
 * its {@code SessionToken} alone. Subclasses serve the resources. Thread-safe.
 */
abstract class SessionEndpoint implements VideoEndpoint {
  final Sessions sessions;
  final MediaSource media;
  final SessionTimelines timelines;
  private final String protocol;
  private final String operationPath;
  private final String urlMember;
  private final String prefix;
  private final String entryResource;

  /**
   * @param protocol "HLS" or "DASH" (the token's protocol)
   * @param operationPath e.g. {@code /getHLSStreamingSessionURL}
   * @param urlMember the output member holding the URL, e.g. {@code HLSStreamingSessionURL}
   * @param prefix the resources' path prefix, e.g. {@code /hls/v1/}
   * @param entryResource the resource the URL names, e.g. {@code getHLSMasterPlaylist.m3u8}
   */
  SessionEndpoint(Sessions sessions, MediaSource media, SessionTimelines timelines,
      String protocol, String operationPath, String urlMember, String prefix,
      String entryResource) {
    this.sessions = sessions;
    this.media = media;
    this.timelines = timelines;
    this.protocol = protocol;
    this.operationPath = operationPath;
    this.urlMember = urlMember;
    this.prefix = prefix;
    this.entryResource = entryResource;
  }

  @Override
  public final boolean accepts(AwsRequest r) {
    return ("POST".equals(r.method()) && operationPath.equals(r.path()))
        || (("GET".equals(r.method()) || "HEAD".equals(r.method())) && r.path().startsWith(prefix));
  }

  @Override
  public final CompletableFuture<AwsResponse> handle(AwsRequest r) {
    try {
      return CompletableFuture.completedFuture(serve(r));
    } catch (VideoException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private AwsResponse serve(AwsRequest r) {
    if ("POST".equals(r.method())) {
      PlaybackSession s = sessions.create(r, "DASH".equals(protocol));
      String url = Sessions.baseUrl(r) + prefix + entryResource + "?SessionToken="
          + sessions.tokens().issue(s);
      return Http.json(urlMember, url);
    }
    Map<String, String> q = Http.query(r);
    String token = q.get("SessionToken");
    PlaybackSession s = sessions.tokens().verify(token, protocol);
    return resource(r.path().substring(prefix.length()), q, token, s);
  }

  /** One resource of a verified session, by its name under the prefix. */
  abstract AwsResponse resource(String resource, Map<String, String> query, String token,
      PlaybackSession session);

  /** The stream's newest stored fragment, or ResourceNotFoundException. */
  final FragmentInfo latest(PlaybackSession s) {
    return media.store().latest(s.streamArn())
        .orElseThrow(() -> VideoError.RESOURCE_NOT_FOUND.with("No fragments found in the stream."));
  }
}
