package io.rivulet.server.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Tuning knobs of {@link RivuletHttpServer}. Immutable and thread-safe; build with {@link
 * #builder()} or take {@link #defaults()}.
 *
 * @param maxRequestBodyBytes largest request body accepted; larger bodies are answered with 413
 * @param idleTimeout a connection with no traffic and nothing in flight for this long is closed
 * @param shutdownGrace how long {@link RivuletHttpServer#close()} waits for in-flight requests
 * @param ioThreads Netty event-loop threads serving connections (one more thread accepts)
 * @param handlerThreads threads of the pool that calls the {@code AwsHandler}, when no {@link
 *     #handlerExecutor} is given
 * @param handlerExecutor where {@code AwsHandler.handle} is called, or null for a pool the server
 *     owns; {@code Runnable::run} calls it on the event loop, which is only correct for a handler
 *     that never blocks
 * @param maxConcurrentStreams HTTP/2 {@code SETTINGS_MAX_CONCURRENT_STREAMS} per connection
 * @param maxPipelinedRequests HTTP/1.1 requests read ahead on one connection before the server
 *     stops reading until responses catch up
 */
public record HttpServerOptions(
    int maxRequestBodyBytes,
    Duration idleTimeout,
    Duration shutdownGrace,
    int ioThreads,
    int handlerThreads,
    Executor handlerExecutor,
    int maxConcurrentStreams,
    int maxPipelinedRequests) {

  /** 16 MiB: above the largest legal Kinesis request (10 MiB PutRecords) with JSON overhead. */
  public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 16 * 1024 * 1024;

  public HttpServerOptions {
    if (maxRequestBodyBytes <= 0) {
      throw new IllegalArgumentException("maxRequestBodyBytes must be positive");
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (idleTimeout.isNegative() || shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (ioThreads <= 0 || handlerThreads <= 0) {
      throw new IllegalArgumentException("thread counts must be positive");
    }
    if (maxConcurrentStreams <= 0 || maxPipelinedRequests <= 0) {
      throw new IllegalArgumentException("stream and pipelining limits must be positive");
    }
  }

  public static HttpServerOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from the defaults, sized for a small (2-core) machine. */
  public static final class Builder {
    private int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
    private Duration idleTimeout = Duration.ofSeconds(120);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int handlerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private Executor handlerExecutor;
    private int maxConcurrentStreams = 1000;
    private int maxPipelinedRequests = 16;

    private Builder() {}

    public Builder maxRequestBodyBytes(int value) {
      this.maxRequestBodyBytes = value;
      return this;
    }

    /** Zero disables the idle timeout. */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = value;
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
      this.maxConcurrentStreams = value;
      return this;
    }

    public Builder maxPipelinedRequests(int value) {
      this.maxPipelinedRequests = value;
      return this;
    }

    public HttpServerOptions build() {
      return new HttpServerOptions(
          maxRequestBodyBytes,
          idleTimeout,
          shutdownGrace,
          ioThreads,
          handlerThreads,
          handlerExecutor,
          maxConcurrentStreams,
          maxPipelinedRequests);
    }
  }
}
