package io.rivulet.protocol.auth;

/**
 * A request refused by authentication or authorisation: the {@link AuthFailure}, AWS's message,
 * and for a signature mismatch the canonical request and string to sign the server computed (the
 * JSON services append them to the message as AWS does; CloudWatch's query protocol does not).
 * Immutable.
 */
public final class AuthException extends RuntimeException {
  private final AuthFailure failure;
  private final String detail;

  public AuthException(AuthFailure failure, String message) {
    this(failure, message, null);
  }

  public AuthException(AuthFailure failure, String message, String detail) {
    super(message, null, false, false);
    this.failure = failure;
    this.detail = detail;
  }

  public AuthFailure failure() {
    return failure;
  }

  /** Text AWS appends after the message for diagnosis, or null. */
  public String detail() {
    return detail;
  }
}
