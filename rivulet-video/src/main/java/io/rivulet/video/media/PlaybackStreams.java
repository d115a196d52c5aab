package io.rivulet.video.media;

import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoStreamCatalog;
import java.util.Map;

/**
 * The stream a playback request names, for the media and archived-media operations: exactly one
 * of StreamName and StreamARN, in the caller's account and region, and not being deleted; also the
 * ARN the IAM rules check a call against. Thread-safe.
 */
public final class PlaybackStreams {
  private final VideoStreamCatalog catalog;

  public PlaybackStreams(VideoStreamCatalog catalog) {
    this.catalog = catalog;
  }

  /** The stream; InvalidArgumentException or ResourceNotFoundException as AWS answers. */
  public VideoStreamCatalog.Stream resolve(VideoCall call, String streamName, String streamArn) {
    if ((streamName == null) == (streamArn == null)) {
      throw VideoError.INVALID_ARGUMENT.with(
          "Exactly one of StreamName or StreamARN must be specified.");
    }
    return catalog.find(call.accountId(), call.region(), streamName, streamArn)
        .filter(s -> !"DELETING".equals(s.status()))
        .orElseThrow(() -> VideoError.RESOURCE_NOT_FOUND.with(
            "The requested stream is not found or not active."));
  }

  /**
   * The ARN a request acts on, for authorisation: StreamARN as given, else the named stream's,
   * else {@code arn:aws:kinesisvideo:<region>:<account>:stream/<name>/*} (so a caller is refused
   * before it learns whether the stream exists).
   */
  public String arnFor(Map<String, Object> input, AccessRules.Scope scope) {
    if (input.get("StreamARN") instanceof String arn) {
      return arn;
    }
    if (!(input.get("StreamName") instanceof String name)) {
      return "*";
    }
    return catalog.find(scope.account(), scope.region(), name, null)
        .map(VideoStreamCatalog.Stream::streamArn)
        .orElse("arn:aws:kinesisvideo:" + scope.region() + ":" + scope.account() + ":stream/"
            + name + "/*");
  }
}
