package io.rivulet.protocol.auth;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's access control, shared by every service handler: off ({@code --auth} not given:
 * every request is accepted, its account and region read unverified from the credential scope)
 * or on, with the accepted credentials. On, a handler {@link #authenticate}s each request (SigV4,
 * {@link SignatureVerifier}) and then {@link #authorize}s the operation against the service's
 * {@link AccessRules} (IAM-style policies, {@link Authorizer}). Immutable and thread-safe.
 */
public final class AccessControl {
  private static final AccessControl OFF = new AccessControl(null, null);

  private final SignatureVerifier verifier;
  private final Clock clock;
  private final Authorizer authorizer = new Authorizer();

  private AccessControl(SignatureVerifier verifier, Clock clock) {
    this.verifier = verifier;
    this.clock = clock;
  }

  /** Accepts everything (the default for local use). */
  public static AccessControl off() {
    return OFF;
  }

  /** Verifies every request against these credentials, with this clock for expiry and skew. */
  public static AccessControl of(CredentialStore credentials, Clock clock) {
    return new AccessControl(new SignatureVerifier(credentials, clock), clock);
  }

  public boolean enabled() {
    return verifier != null;
  }

  /**
   * The verified signer of a request to the service with this signing name, and its body (decoded
   * if aws-chunked); AuthException otherwise. Only when {@link #enabled()}.
   */
  public Authentication authenticate(AwsRequest request, String signingName) {
    if (verifier == null) {
      throw new IllegalStateException("access control is off");
    }
    return verifier.verify(request, signingName);
  }

  /**
   * AuthException(ACCESS_DENIED) unless the authenticated signer may call {@code operation} with
   * this validated input under the service's rules. A no-op when off.
   */
  public void authorize(Authentication auth, AccessRules rules, String operation, Map<String, Object> input,
      AwsRequest request) {
    if (verifier == null) {
      return;
    }
    AccessRules.Scope scope = new AccessRules.Scope(auth.principal().accountId(), auth.region());
    authorizer.authorize(auth.principal(), rules.accessFor(operation, input, scope), rules,
        context(auth, request));
  }

  /**
   * The global condition keys a request offers: {@code aws:SecureTransport}, {@code
   * aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code
   * aws:username} (users), {@code aws:RequestedRegion}, {@code aws:CurrentTime}, {@code
   * aws:EpochTime}, {@code aws:MultiFactorAuthPresent} (always false).
   */
  private Map<String, List<String>> context(Authentication auth, AwsRequest request) {
    Principal p = auth.principal();
    Instant now = clock.instant();
    Map<String, List<String>> c = new HashMap<>();
    c.put("aws:securetransport", List.of(Boolean.toString(request.secure())));
    c.put("aws:principalarn", List.of(p.arn()));
    c.put("aws:principalaccount", List.of(p.accountId()));
    c.put("aws:principaltype", List.of(p.isRoot() ? "Account" : "User"));
    if (!p.isRoot()) {
      c.put("aws:username", List.of(p.simpleName()));
    }
    c.put("aws:requestedregion", List.of(auth.region()));
    c.put("aws:currenttime", List.of(now.toString()));
    c.put("aws:epochtime", List.of(Long.toString(now.getEpochSecond())));
    c.put("aws:multifactorauthpresent", List.of("false"));
    return c;
  }
}
