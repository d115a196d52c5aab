package io.rivulet.protocol;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * One HTTP response: status, headers, and either a whole body or, for long-lived responses
 * (event streams), a {@code stream} of body pieces that the server writes as the client takes them
 * (requesting more only while the connection can take it).
 */
public record AwsResponse(int status, Map<String, String> headers, byte[] body,
    Flow.Publisher<ByteBuffer> stream) {

  public AwsResponse(int status, Map<String, String> headers, byte[] body) {
    this(status, headers, body, null);
  }

  public static AwsResponse of(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    return new AwsResponse(status, headers, body);
  }
}
