package io.rivulet.protocol;

import java.util.Map;

/**
 * One HTTP request as the protocol layer sees it, independent of the HTTP library: method, path
 * (without query), raw query string (or empty), headers with lower-case names, the whole body, and
 * the request id the server assigned (echoed as {@code x-amzn-RequestId}).
 */
public record AwsRequest(
    String method,
    String path,
    String rawQuery,
    Map<String, String> headers,
    byte[] body,
    String requestId) {

  /** A header by lower-case name, or null. */
  public String header(String lowerCaseName) {
    return headers.get(lowerCaseName);
  }
}
