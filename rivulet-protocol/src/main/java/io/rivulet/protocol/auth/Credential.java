package io.rivulet.protocol.auth;

import java.time.Instant;

/**
 * One access key the server accepts: its secret, optionally the session token requests must carry
 * ({@code X-Amz-Security-Token}, as temporary credentials do) and the instant after which it is
 * expired, and the principal it authenticates as. Immutable.
 */
public record Credential(String accessKeyId, String secretAccessKey, String sessionToken,
    Instant expiration, Principal principal) {

  public Credential {
    if (accessKeyId == null || accessKeyId.isEmpty() || secretAccessKey == null || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException("a credential needs an access key id and a secret access key");
    }
  }

  /** Hides the secret and the token. */
  @Override
  public String toString() {
    return "Credential[" + accessKeyId + " as " + principal.arn() + "]";
  }
}
