package io.rivulet.video.hls;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.CredentialScope;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.protocol.auth.AuthException;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import io.rivulet.video.RestJsonEndpoint;
import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoStreamCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may create sessions and clips: with {@code --auth} the SigV4 signature (service {@code
 * kinesisvideo}) is verified and the caller needs {@code kinesisvideo:GetHLSStreamingSessionURL},
 * {@code GetDASHStreamingSessionURL} or {@code GetClip} on the stream's ARN; without it the
 * credential scope names the account and region. The session resources themselves are
 * authorised by their token. Immutable and thread-safe.
 */
final class PlaybackAccess {
  static final String SIGNING_NAME = "kinesisvideo";

  private final AccessControl access;
  private final AccessRules rules;

  PlaybackAccess(AccessControl access, VideoStreamCatalog catalog) {
    this.access = access;
    AccessRules.Builder b = AccessRules.builder(SIGNING_NAME, SIGNING_NAME, AuthErrors.Style.JSON);
    for (String op : List.of("GetHLSStreamingSessionURL", "GetDASHStreamingSessionURL", "GetClip")) {
      b.on(op, (input, scope) -> List.of(streamArn(catalog, input, scope)));
    }
    this.rules = b.build();
  }

  /** The caller of {@code operation} naming this stream (AWS's auth errors if refused). */
  VideoCall call(AwsRequest request, String operation, String streamName, String streamArn) {
    if (!access.enabled()) {
      CredentialScope scope = CredentialScope.of(request);
      return new VideoCall(request, scope.accountId(), scope.region());
    }
    try {
      Authentication auth = access.authenticate(request, SIGNING_NAME);
      Map<String, Object> input = new HashMap<>();
      if (streamName != null) {
        input.put("StreamName", streamName);
      }
      if (streamArn != null) {
        input.put("StreamARN", streamArn);
      }
      access.authorize(auth, rules, operation, input, request);
      return new VideoCall(request, auth.principal().accountId(), auth.region());
    } catch (AuthException e) {
      throw RestJsonEndpoint.translate(e);
    }
  }

  private static String streamArn(VideoStreamCatalog catalog, Map<String, Object> input,
      AccessRules.Scope scope) {
    if (input.get("StreamARN") instanceof String arn) {
      return arn;
    }
    String name = (String) input.get("StreamName");
    return catalog.find(scope.account(), scope.region(), name, null)
        .map(VideoStreamCatalog.Stream::streamArn)
        .orElse("arn:aws:kinesisvideo:" + scope.region() + ":" + scope.account() + ":stream/" + name + "/*");
  }
}
