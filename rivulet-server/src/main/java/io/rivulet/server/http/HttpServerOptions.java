package io.rivulet.server.http;

import io.rivulet.protocol.StreamingHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Tuning knobs of {@link RivuletHttpServer}. Immutable and thread-safe; build with {@link
 * #builder()} or take {@link #defaults()}.
 *
 * @param limits the resource limits (connections, sizes, streams, timeouts)
 * @param shutdownGrace how long {@link RivuletHttpServer#close()} waits for in-flight requests
 * @param ioThreads Netty event-loop threads serving connections (one more thread accepts)
 * @param handlerThreads threads of the pool that calls the {@code AwsHandler}, when no {@link
 *     #handlerExecutor} is given
 * @param handlerExecutor where {@code AwsHandler.handle} is called, or null for a pool the server
 *     owns; {@code Runnable::run} calls it on the event loop, which is only correct for a handler
 *     that never blocks
 * @param maxPipelinedRequests HTTP/1.1 requests read ahead on one connection before the server
 *     stops reading until responses catch up
 * @param streamingHandler takes the HTTP/1.1 requests it accepts as full-duplex streams (Video's
 *     PutMedia), or null for none
 */
public record HttpServerOptions(
    HttpLimits limits,
    Duration shutdownGrace,
    int ioThreads,
    int handlerThreads,
    Executor handlerExecutor,
    int maxPipelinedRequests,
    StreamingHandler streamingHandler) {

  /** 16 MiB: above the largest legal Kinesis request (10 MiB PutRecords) with JSON overhead. */
  public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = HttpLimits.DEFAULT_MAX_REQUEST_BODY_BYTES;

  public HttpServerOptions {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (ioThreads <= 0 || handlerThreads <= 0) {
      throw new IllegalArgumentException("thread counts must be positive");
    }
    if (maxPipelinedRequests <= 0) {
      throw new IllegalArgumentException("the pipelining limit must be positive");
    }
  }

  /** {@link HttpLimits#maxRequestBodyBytes()}. */
  public int maxRequestBodyBytes() {
    return limits.maxRequestBodyBytes();
  }

  /** {@link HttpLimits#idleTimeout()}. */
  public Duration idleTimeout() {
    return limits.idleTimeout();
  }

  /** {@link HttpLimits#maxHttp2Streams()}. */
  public int maxConcurrentStreams() {
    return limits.maxHttp2Streams();
  }

  public static HttpServerOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from the defaults, sized for a small (2-core) machine. */
  public static final class Builder {
    private HttpLimits limits = HttpLimits.defaults();
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int handlerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private Executor handlerExecutor;
    private int maxPipelinedRequests = 16;
    private StreamingHandler streamingHandler;

    private Builder() {}

    public Builder limits(HttpLimits value) {
      this.limits = value;
      return this;
    }

    public Builder maxRequestBodyBytes(int value) {
      this.limits = limits.withMaxRequestBodyBytes(value);
      return this;
    }

    /** Zero disables the idle timeout. */
    public Builder idleTimeout(Duration value) {
      this.limits = limits.withIdleTimeout(value);
      return this;
    }

    public Builder shutdownGrace(Duration value) {
      this.shutdownGrace = value;
      return this;
    }

    public Builder ioThreads(int value) {
      this.ioThreads = value;
      return this;
    }

    public Builder handlerThreads(int value) {
      this.handlerThreads = value;
      return this;
    }

    public Builder handlerExecutor(Executor value) {
      this.handlerExecutor = value;
      return this;
    }

    public Builder maxConcurrentStreams(int value) {
      this.limits = limits.withMaxHttp2Streams(value);
      return this;
    }

    public Builder maxPipelinedRequests(int value) {
      this.maxPipelinedRequests = value;
      return this;
    }

    /** Full-duplex streamed requests (PutMedia) go to this handler; null: none. */
    public Builder streamingHandler(StreamingHandler value) {
      this.streamingHandler = value;
      return this;
    }

    public HttpServerOptions build() {
      return new HttpServerOptions(limits, shutdownGrace, ioThreads, handlerThreads,
          handlerExecutor, maxPipelinedRequests, streamingHandler);
    }
  }
}
