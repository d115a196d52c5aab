package io.rivulet.protocol.auth;

/**
 * Why a request was refused by authentication or authorisation, independent of how a service
 * spells the error on the wire ({@link AuthErrors} maps each to its per-service code). Immutable.
 */
public enum AuthFailure {
  /** No Authorization header and no X-Amz-Algorithm query parameter. */
  MISSING_TOKEN,
  /** A signature that lacks parts or has malformed ones (date format, credential shape, algorithm). */
  INCOMPLETE_SIGNATURE,
  /** A complete signature that does not verify: wrong secret, wrong scope, expired date, changed body. */
  INVALID_SIGNATURE,
  /** An access key (or security token) this server does not know. */
  UNRECOGNIZED_CLIENT,
  /** Temporary credentials whose expiration has passed. */
  EXPIRED_TOKEN,
  /** Authenticated, but no policy allows the action (or one denies it). */
  ACCESS_DENIED
}
