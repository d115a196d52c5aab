package io.rivulet.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The resource limits of the HTTP endpoint, each answered with a clear error and counted in {@link
 * HttpStats} (docs/SECURITY.md, "Resource limits"). The defaults leave room for the AWS SDKs, the
 * KCL and Flink's connector; tests narrow them. Immutable and thread-safe.
 *
 * @param maxConnections open connections on both listeners together; a new one beyond it is
 *     refused (a 503 on the cleartext port, a plain close on the HTTPS port) and closed
 * @param maxRequestBodyBytes largest request body; a larger one is answered 413 {@code
 *     RequestEntityTooLargeException}
 * @param maxHeaderBytes largest request header block (HTTP/1.1: the header lines; HTTP/2: the
 *     decoded header list, {@code SETTINGS_MAX_HEADER_LIST_SIZE}); beyond it 431
 * @param maxHeaderCount most header fields in one request; beyond it 431
 * @param maxStreamsPerClient concurrent long-lived responses (SubscribeToShard event streams) per
 *     remote IP address; one more is answered {@code LimitExceededException}
 * @param maxHttp2Streams HTTP/2 {@code SETTINGS_MAX_CONCURRENT_STREAMS} per connection; a stream
 *     beyond it is reset with {@code REFUSED_STREAM}
 * @param idleTimeout a connection with no traffic and nothing in flight for this long is closed
 *     (zero: never)
 * @param headerTimeout an HTTP/1.x request's head must be complete this long after its first byte
 *     (the first request of a connection: after the connection opened), else 408 and close (zero:
 *     no deadline)
 * @param bodyTimeout a request's body must be complete this long after its head, plus one second
 *     for every {@link #BODY_BYTES_PER_EXTRA_SECOND} bytes received, else 408 (zero: no deadline)
 */
public record HttpLimits(
    int maxConnections,
    int maxRequestBodyBytes,
    int maxHeaderBytes,
    int maxHeaderCount,
    int maxStreamsPerClient,
    int maxHttp2Streams,
    Duration idleTimeout,
    Duration headerTimeout,
    Duration bodyTimeout) {

  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

  /** 16 MiB: above the largest legal Kinesis request (10 MiB PutRecords) with JSON overhead. */
  public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;

  public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_HEADER_COUNT = 100;
  public static final int DEFAULT_MAX_STREAMS_PER_CLIENT = 1000;
  public static final int DEFAULT_MAX_HTTP2_STREAMS = 1000;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 120;
  public static final int DEFAULT_HEADER_TIMEOUT_SECONDS = 20;
  public static final int DEFAULT_BODY_TIMEOUT_SECONDS = 60;

  /** A slow body earns one more second per 64 KiB received: a floor of 64 KiB/s on average. */
  public static final int BODY_BYTES_PER_EXTRA_SECOND = 64 * 1024;

  /** Netty's HTTP/1 decoder needs room for at least one header line. */
  static final int MIN_HEADER_BYTES = 1024;

  public HttpLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(bodyTimeout, "bodyTimeout");
    positive("maxConnections", maxConnections);
    positive("maxRequestBodyBytes", maxRequestBodyBytes);
    positive("maxHeaderCount", maxHeaderCount);
    positive("maxStreamsPerClient", maxStreamsPerClient);
    positive("maxHttp2Streams", maxHttp2Streams);
    if (maxHeaderBytes < MIN_HEADER_BYTES) {
      throw new IllegalArgumentException("maxHeaderBytes must be at least " + MIN_HEADER_BYTES);
    }
    if (idleTimeout.isNegative() || headerTimeout.isNegative() || bodyTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must not be negative");
    }
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }

  /**
   * 10,000 connections, 16 MiB bodies, 64 KiB and 100 header fields, 1,000 event streams per
   * client and HTTP/2 streams per connection, 120 s idle, 20 s for a head, 60 s for a body.
   */
  public static HttpLimits defaults() {
    return new HttpLimits(
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_REQUEST_BODY_BYTES,
        DEFAULT_MAX_HEADER_BYTES,
        DEFAULT_MAX_HEADER_COUNT,
        DEFAULT_MAX_STREAMS_PER_CLIENT,
        DEFAULT_MAX_HTTP2_STREAMS,
        Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS),
        Duration.ofSeconds(DEFAULT_HEADER_TIMEOUT_SECONDS),
        Duration.ofSeconds(DEFAULT_BODY_TIMEOUT_SECONDS));
  }

  public HttpLimits withMaxConnections(int value) {
    return new HttpLimits(value, maxRequestBodyBytes, maxHeaderBytes, maxHeaderCount,
        maxStreamsPerClient, maxHttp2Streams, idleTimeout, headerTimeout, bodyTimeout);
  }

  public HttpLimits withMaxRequestBodyBytes(int value) {
    return new HttpLimits(maxConnections, value, maxHeaderBytes, maxHeaderCount,
        maxStreamsPerClient, maxHttp2Streams, idleTimeout, headerTimeout, bodyTimeout);
  }

  public HttpLimits withMaxHeaderBytes(int value) {
    return new HttpLimits(maxConnections, maxRequestBodyBytes, value, maxHeaderCount,
        maxStreamsPerClient, maxHttp2Streams, idleTimeout, headerTimeout, bodyTimeout);
  }

  public HttpLimits withMaxHeaderCount(int value) {
    return new HttpLimits(maxConnections, maxRequestBodyBytes, maxHeaderBytes, value,
        maxStreamsPerClient, maxHttp2Streams, idleTimeout, headerTimeout, bodyTimeout);
  }

  public HttpLimits withMaxStreamsPerClient(int value) {
    return new HttpLimits(maxConnections, maxRequestBodyBytes, maxHeaderBytes, maxHeaderCount,
        value, maxHttp2Streams, idleTimeout, headerTimeout, bodyTimeout);
  }

  public HttpLimits withMaxHttp2Streams(int value) {
    return new HttpLimits(maxConnections, maxRequestBodyBytes, maxHeaderBytes, maxHeaderCount,
        maxStreamsPerClient, value, idleTimeout, headerTimeout, bodyTimeout);
  }

  public HttpLimits withIdleTimeout(Duration value) {
    return new HttpLimits(maxConnections, maxRequestBodyBytes, maxHeaderBytes, maxHeaderCount,
        maxStreamsPerClient, maxHttp2Streams, value, headerTimeout, bodyTimeout);
  }

  public HttpLimits withHeaderTimeout(Duration value) {
    return new HttpLimits(maxConnections, maxRequestBodyBytes, maxHeaderBytes, maxHeaderCount,
        maxStreamsPerClient, maxHttp2Streams, idleTimeout, value, bodyTimeout);
  }

  public HttpLimits withBodyTimeout(Duration value) {
    return new HttpLimits(maxConnections, maxRequestBodyBytes, maxHeaderBytes, maxHeaderCount,
        maxStreamsPerClient, maxHttp2Streams, idleTimeout, headerTimeout, value);
  }
}
