package io.rivulet.protocol;

import java.util.Map;

/**
 * One HTTP request as the protocol layer sees it, independent of the HTTP library: method, path
 * (without query, still percent-encoded as sent), raw query string (or empty), headers with
 * lower-case names (repeated ones joined by commas), the whole body, the request id the server
 * assigned (echoed as {@code x-amzn-RequestId}), and whether it came over TLS (the {@code
 * aws:SecureTransport} policy condition).
 */
public record AwsRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, String> headers,
    byte[] body,
    String requestId,
    boolean secure) {

  /** A request that did not come over TLS. */
  public AwsRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
      String requestId) {
    this(method, path, rawQuery, headers, body, requestId, false);
  }

  /** A header by lower-case name, or null. */
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }

  /** The same request with another body (an aws-chunked body once decoded). */
  public AwsRequest withBody(byte[] newBody) {
    return new AwsRequest(method, path, rawQuery, headers, newBody, requestId, secure);
  }
}
