package io.rivulet.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** One whole HTTP response: status, headers, body. */
public record AwsResponse(int status, Map<String, String> headers, byte[] body) {

  public static AwsResponse of(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return new AwsResponse(status, headers, body);
  }
}
