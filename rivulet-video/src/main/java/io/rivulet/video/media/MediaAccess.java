package io.rivulet.video.media;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.CredentialScope;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.protocol.auth.AuthException;
import io.rivulet.protocol.auth.AuthFailure;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import io.rivulet.video.VideoException;
import java.util.List;
import java.util.Map;

/**
 * Who may play a stream back: with {@code --auth}, each media request's SigV4 signature is
 * verified for signing name {@code kinesisvideo} and the caller must be allowed
 * {@code kinesisvideo:<Operation>} (GetMedia, GetMediaForFragmentList, ListFragments, GetImages) on
 * the stream's ARN; without it, the account and region are read unverified from the credential
 * scope. Failures are answered as the video services answer them. Immutable and thread-safe.
 */
public final class MediaAccess {
  public static final String SIGNING_NAME = "kinesisvideo";
  static final List<String> OPERATIONS =
      List.of("GetMedia", "GetMediaForFragmentList", "ListFragments", "GetImages");

  private final AccessControl access;
  private final AccessRules rules;

  public MediaAccess(AccessControl access) {
    this.access = access;
    AccessRules.Builder b =
        AccessRules.builder(SIGNING_NAME, SIGNING_NAME, AuthErrors.Style.JSON);
    for (String op : OPERATIONS) {
      b.on(op, (input, scope) -> List.of(String.valueOf(input.get("StreamARN"))));
    }
    this.rules = b.build();
  }

  /** No access control (every request accepted). */
  public static MediaAccess off() {
    return new MediaAccess(AccessControl.off());
  }

  /** The caller of a request: its account and region (verified when access control is on). */
  public record Caller(String account, String region, Authentication auth) {}

  /** The request's caller; the AWS authentication error when its signature does not verify. */
  public Caller caller(AwsRequest request) {
    if (!access.enabled()) {
      CredentialScope scope = CredentialScope.of(request);
      return new Caller(scope.accountId(), scope.region(), null);
    }
    try {
      Authentication auth = access.authenticate(request, SIGNING_NAME);
      return new Caller(auth.principal().accountId(), auth.region(), auth);
    } catch (AuthException e) {
      throw translate(e);
    }
  }

  /** AccessDeniedException unless the caller may call {@code operation} on the stream. */
  public void authorize(Caller caller, String operation, String streamArn, AwsRequest request) {
    if (caller.auth() == null) {
      return;
    }
    try {
      access.authorize(caller.auth(), rules, operation, Map.of("StreamARN", streamArn), request);
    } catch (AuthException e) {
      throw translate(e);
    }
  }

  /** As the video models name them: AccessDeniedException is 401, the others 403. */
  static VideoException translate(AuthException e) {
    String type = AuthErrors.code(e.failure(), AuthErrors.Style.JSON).type();
    int status = e.failure() == AuthFailure.ACCESS_DENIED ? 401 : 403;
    return new VideoException(type, status, AuthErrors.message(e, AuthErrors.Style.JSON));
  }
}
