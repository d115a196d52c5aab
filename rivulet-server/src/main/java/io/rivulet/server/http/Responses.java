package io.rivulet.server.http;

import io.netty.handler.codec.DateFormatter;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.ErrorCode;
import io.rivulet.protocol.ErrorRenderer;
import io.rivulet.protocol.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The responses the server writes itself (health, metrics, and the errors that happen before or
 * around the {@code AwsHandler}), and the cached {@code Date} header value. Thread-safe.
 */
final class Responses {
  static final String REQUEST_ID = "x-amzn-RequestId";
  static final String ERROR_TYPE = "x-amzn-ErrorType";
  static final String JSON = "application/json";
  static final String AMZ_JSON = "application/x-amz-json-1.1";
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private static volatile CachedDate cachedDate = new CachedDate(-1, "");

  private Responses() {}

  /** The RFC 7231 date of the current second, formatted at most once per second. */
  static String httpDate() {
    long second = System.currentTimeMillis() / 1000;
    CachedDate cached = cachedDate;
    if (cached.second != second) {
      cached = new CachedDate(second, DateFormatter.format(new Date(second * 1000)));
      cachedDate = cached;
    }
    return cached.value;
  }

  static FullResponse health(boolean draining) {
    return draining
        ? of(503, JSON, "{\"status\":\"draining\"}", null)
        : of(200, JSON, "{\"status\":\"ok\"}", null);
  }

  static FullResponse metrics(String text) {
    return of(200, PROMETHEUS, text, null);
  }

  static FullResponse tooLarge(String requestId) {
    return error(413, "RequestEntityTooLargeException", "Request body too large", requestId);
  }

  /** 431: the header block or the number of header fields is over the limit. */
  static FullResponse headersTooLarge(String message, String requestId) {
    return error(431, "RequestHeaderFieldsTooLargeException", message, requestId);
  }

  /** 414: the request line is over Netty's limit. */
  static FullResponse uriTooLong(String requestId) {
    return error(414, "RequestURITooLongException", "Request line too long", requestId);
  }

  /** 408: the request did not arrive within its deadline. */
  static FullResponse requestTimeout(String message, String requestId) {
    return error(408, "RequestTimeoutException", message, requestId);
  }

  /**
   * The {@code LimitExceededException} (400) a service of the JSON protocols answers, encoded as
   * the request was ({@code contentType}: AWS JSON 1.0/1.1 or CBOR 1.1; JSON 1.1 otherwise).
   */
  static FullResponse limitExceeded(String contentType, String message, String requestId) {
    WireFormat format = WireFormat.JSON_1_1;
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim();
    for (WireFormat f : WireFormat.values()) {
      if (f.contentType().equalsIgnoreCase(mediaType)) {
        format = f;
      }
    }
    AwsResponse rendered = ErrorRenderer.render(LIMIT_EXCEEDED, message, format);
    Map<String, String> headers = new LinkedHashMap<>(rendered.headers());
    headers.put(ERROR_TYPE, LIMIT_EXCEEDED.type());
    return new FullResponse(rendered.status(), headers, rendered.body(), requestId);
  }

  private static final ErrorCode LIMIT_EXCEEDED =
      new ErrorCode() {
        @Override
        public String type() {
          return "LimitExceededException";
        }

        @Override
        public int status() {
          return 400;
        }
      };

  /**
   * The bytes of a 503 written to a connection refused for {@link HttpLimits#maxConnections()},
   * before anything was read from it (HTTP/1.1, {@code Connection: close}).
   */
  static byte[] tooManyConnections(int max) {
    String body =
        "{\"__type\":\"ServiceUnavailable\",\"message\":\"Too many connections: the server accepts "
            + max
            + " at a time\"}";
    String head =
        "HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: "
            + AMZ_JSON
            + "\r\n"
            + ERROR_TYPE
            + ": ServiceUnavailable\r\n"
            + "Retry-After: 1\r\n"
            + "Content-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n";
    return (head + body).getBytes(StandardCharsets.US_ASCII);
  }

  static FullResponse badRequest(String requestId) {
    return error(400, "SerializationException", "Malformed HTTP request", requestId);
  }

  static FullResponse internalFailure(String requestId) {
    return error(500, "InternalFailure", null, requestId);
  }

  static FullResponse serviceUnavailable(String requestId) {
    return error(503, "ServiceUnavailable", "The server is shutting down", requestId);
  }

  /** An AWS JSON error: {@code {"__type":…,"message":…}} plus {@code x-amzn-ErrorType}. */
  static FullResponse error(int status, String type, String message, String requestId) {
    String body =
        message == null
            ? "{\"__type\":\"" + type + "\"}"
            : "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", AMZ_JSON);
    headers.put(ERROR_TYPE, type);
    return new FullResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), requestId);
  }

  private static FullResponse of(int status, String contentType, String body, String requestId) {
    return new FullResponse(
        status,
        Map.of("Content-Type", contentType),
        body.getBytes(StandardCharsets.UTF_8),
        requestId);
  }

  private record CachedDate(long second, String value) {}
}
