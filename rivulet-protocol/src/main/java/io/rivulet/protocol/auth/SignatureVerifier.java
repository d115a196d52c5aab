package io.rivulet.protocol.auth;

import io.rivulet.protocol.AwsRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verifies a request's SigV4 signature as AWS does, in AWS's order of checks (each with AWS's
 * message): the signature is present and complete; its date is ISO-8601 basic and within 5
 * minutes of the server's clock (a presigned request: not after X-Amz-Date + X-Amz-Expires, at
 * most a week); {@code host} is signed; the algorithm is AWS4-HMAC-SHA256; the credential scope
 * names 5 parts, a region, this service, {@code aws4_request} and the date's day; the access key
 * is known; the signature matches the canonical request (see {@link CanonicalRequest}); the
 * security token is the credential's and not expired.
 *
 * <p>The payload hash signed is {@code x-amz-content-sha256} when the request sends it ({@code
 * UNSIGNED-PAYLOAD}, {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD} whose chunks are then verified
 * by {@link ChunkedPayload}, or a hex SHA-256 the body must have), else the body's SHA-256; a
 * presigned request without it may also have signed {@code UNSIGNED-PAYLOAD}, as S3-style
 * presigners do (the signature shows which). Thread-safe: signing keys are cached per key, day,
 * region and service.
 */
public final class SignatureVerifier {
  /** How far a signature's date may be from the server's clock. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);
  /** The longest X-Amz-Expires of a presigned request (a week). */
  static final long MAX_EXPIRES = 604_800;
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final String MISMATCH = "The request signature we calculated does not match the"
      + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the"
      + " service documentation for details.";
  private static final int KEY_CACHE = 1024;

  private final CredentialStore credentials;
  private final Clock clock;
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

  public SignatureVerifier(CredentialStore credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  /**
   * The verified request: who signed it and its body (decoded when aws-chunked). AuthException
   * with AWS's failure and message otherwise.
   *
   * @param service the signing name the credential scope must name, e.g. {@code kinesis}
   */
  public Authentication verify(AwsRequest request, String service) {
    return verify(request, service, true);
  }

  /**
   * Verifies the seed signature of a streamed aws-chunked upload from its headers alone (the
   * request's body is ignored); the caller feeds the body to {@link Authentication#chunks()} as it
   * arrives. For Video's PutMedia, whose body is a long-lived stream.
   */
  public Authentication verifyStreaming(AwsRequest head, String service) {
    if (!SigV4.STREAMING_PAYLOAD.equals(head.header("x-amz-content-sha256"))) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE,
          "x-amz-content-sha256 must be STREAMING-AWS4-HMAC-SHA256-PAYLOAD for a streamed upload");
    }
    return verify(head.withBody(new byte[0]), service, false);
  }

  private Authentication verify(AwsRequest request, String service, boolean decodeChunks) {
    SignatureParts parts = SignatureParts.of(request);
    Instant date = checkDate(parts);
    if (!parts.signedHeaders().contains("host")) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
    if (!SigV4.ALGORITHM.equals(parts.algorithm())) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': '"
          + parts.algorithm() + "' (only AWS4-HMAC-SHA256 for now). ");
    }
    String[] scope = checkScope(parts, service);
    Credential credential = credentials.find(scope[0]);
    if (credential == null) {
      throw new AuthException(AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }
    byte[] key = signingKey(credential, scope[1], scope[2], scope[3]);
    String scopeText = scope[1] + '/' + scope[2] + '/' + scope[3] + '/' + SigV4.TERMINATOR;
    byte[] body = checkSignature(request, parts, key, scopeText, decodeChunks);
    checkToken(parts, credential);
    return new Authentication(credential.principal(), body, parts.date(), scopeText, key, parts.signature(),
        date, parts.presigned());
  }

  private Instant checkDate(SignatureParts parts) {
    Instant date = SigV4.parseBasicDateTime(parts.date());
    if (date == null) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '"
          + parts.date() + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
    long validFor = MAX_SKEW.toSeconds();
    if (parts.presigned() && parts.expires() != null) {
      validFor = expires(parts.expires());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (date.isAfter(now.plus(MAX_SKEW))) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE, "Signature not yet current: " + parts.date()
          + " is still later than " + SigV4.basicDateTime(now.plus(MAX_SKEW)) + " ("
          + SigV4.basicDateTime(now) + " + 5 min.)");
    }
    if (date.isBefore(now.minusSeconds(validFor))) {
      String window = validFor == MAX_SKEW.toSeconds() && parts.expires() == null ? "5 min." : validFor + " sec.";
      throw new AuthException(AuthFailure.INVALID_SIGNATURE, "Signature expired: " + parts.date()
          + " is now earlier than " + SigV4.basicDateTime(now.minusSeconds(validFor)) + " ("
          + SigV4.basicDateTime(now) + " - " + window + ")");
    }
    return date;
  }

  private static long expires(String text) {
    long seconds;
    try {
      seconds = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "X-Amz-Expires should be a number");
    }
    if (seconds < 0) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "X-Amz-Expires must be non-negative");
    }
    if (seconds > MAX_EXPIRES) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "X-Amz-Expires must be less than a week"
          + " (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds");
    }
    return seconds;
  }

  /** The scope's parts (key id, day, region, service), or AuthException naming every fault. */
  private static String[] checkScope(SignatureParts parts, String service) {
    String credential = parts.credential();
    while (credential.endsWith("/")) {
      credential = credential.substring(0, credential.length() - 1);
    }
    String[] s = credential.split("/", -1);
    if (s.length != 5) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited"
          + " elements, e.g. keyid/date/region/service/term, got '" + parts.credential() + "'");
    }
    StringBuilder faults = new StringBuilder();
    if (!REGION.matcher(s[2]).matches()) {
      faults.append("Credential should be scoped to a valid region, not '").append(s[2]).append("'. ");
    }
    if (!s[3].equals(service)) {
      faults.append("Credential should be scoped to correct service: '").append(service).append("'. ");
    }
    if (!s[4].equals(SigV4.TERMINATOR)) {
      faults.append("Credential should be scoped with a valid terminator: 'aws4_request', not '")
          .append(s[4]).append("'. ");
    }
    String day = parts.date().substring(0, 8);
    if (!s[1].equals(day)) {
      faults.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
          .append(s[1]).append("' != '").append(day).append("', from '").append(parts.date()).append("'.");
    }
    if (faults.length() > 0) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE, faults.toString().trim());
    }
    return s;
  }

  /** Verifies the signature; returns the body to use (decoded if aws-chunked). */
  private static byte[] checkSignature(AwsRequest request, SignatureParts parts, byte[] key, String scope,
      boolean decodeChunks) {
    byte[] body = request.body() == null ? new byte[0] : request.body();
    String declared = parts.presigned()
        ? SignatureParts.queryParameters(request.rawQuery()).getOrDefault("X-Amz-Content-Sha256",
            request.header("x-amz-content-sha256"))
        : request.header("x-amz-content-sha256");
    if (declared != null && !declared.equals(SigV4.UNSIGNED_PAYLOAD) && !declared.equals(SigV4.STREAMING_PAYLOAD)
        && !HEX64.matcher(declared).matches()) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD,"
          + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD or a valid sha256 value.");
    }
    String hash = declared != null ? declared : SigV4.sha256Hex(body);
    String canonical = CanonicalRequest.of(request.method(), request.path(), request.rawQuery(),
        request.headers(), parts.signedHeaders(), hash, parts.presigned());
    String stringToSign = CanonicalRequest.stringToSign(parts.date(), scope, canonical);
    if (!SigV4.sameSignature(SigV4.sign(key, stringToSign), parts.signature())
        && !(declared == null && parts.presigned() && unsignedMatches(request, parts, key, scope))) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE, MISMATCH,
          "\n\nThe Canonical String for this request should have been\n'" + canonical
              + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
    }
    if (declared != null && HEX64.matcher(declared).matches() && !declared.equals(SigV4.sha256Hex(body))) {
      throw new AuthException(AuthFailure.INVALID_SIGNATURE,
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    if (SigV4.STREAMING_PAYLOAD.equals(declared) && decodeChunks) {
      return decodeChunked(request, body, key, parts.date(), scope, parts.signature());
    }
    return body;
  }

  private static boolean unsignedMatches(AwsRequest request, SignatureParts parts, byte[] key, String scope) {
    String canonical = CanonicalRequest.of(request.method(), request.path(), request.rawQuery(),
        request.headers(), parts.signedHeaders(), SigV4.UNSIGNED_PAYLOAD, true);
    return SigV4.sameSignature(SigV4.sign(key, CanonicalRequest.stringToSign(parts.date(), scope, canonical)),
        parts.signature());
  }

  private static byte[] decodeChunked(AwsRequest request, byte[] body, byte[] key, String date, String scope,
      String seed) {
    byte[] decoded = ChunkedPayload.decode(body, key, date, scope, seed);
    String length = request.header("x-amz-decoded-content-length");
    if (length != null && !length.trim().equals(Integer.toString(decoded.length))) {
      throw new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, "x-amz-decoded-content-length " + length.trim()
          + " does not match the " + decoded.length + " bytes of the aws-chunked body");
    }
    return decoded;
  }

  private void checkToken(SignatureParts parts, Credential credential) {
    String token = parts.securityToken();
    if (credential.sessionToken() != null && !credential.sessionToken().equals(token)) {
      throw new AuthException(AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }
    if (credential.sessionToken() == null && token != null && !token.isEmpty()) {
      throw new AuthException(AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid");
    }
    if (credential.expiration() != null && !clock.instant().isBefore(credential.expiration())) {
      throw new AuthException(AuthFailure.EXPIRED_TOKEN, "The security token included in the request is expired");
    }
  }

  private byte[] signingKey(Credential c, String day, String region, String service) {
    String id = c.accessKeyId() + '/' + day + '/' + region + '/' + service;
    byte[] key = keys.get(id);
    if (key == null) {
      if (keys.size() >= KEY_CACHE) {
        keys.clear();
      }
      key = SigV4.signingKey(c.secretAccessKey(), day, region, service);
      keys.put(id, key);
    }
    return key;
  }

  /** Verification results, for a caller that reads further signed chunks (see {@link ChunkedPayload}). */
  public record Authentication(Principal principal, byte[] body, String amzDate, String scope, byte[] signingKey,
      String signature, Instant date, boolean presigned) {
    /** A verifier for aws-chunked bytes that follow, seeded with this request's signature. */
    public ChunkedPayload chunks() {
      return new ChunkedPayload(signingKey, amzDate, scope, signature);
    }

    /** The signed region (the credential scope's). */
    public String region() {
      return scope.split("/")[1];
    }

    @Override
    public String toString() {
      return "Authentication[" + principal.arn() + "]";
    }
  }
}
