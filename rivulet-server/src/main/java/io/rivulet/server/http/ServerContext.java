package io.rivulet.server.http;

import io.netty.channel.group.ChannelGroup;
import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.StreamingHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What every connection of one server shares: the handler, where to call it, the options and
 * limits, the open connections, the counters and the per-client stream slots. Thread-safe: the
 * references are final, the counters atomic and {@link #draining} volatile.
 */
final class ServerContext {
  final AwsHandler handler;
  /** Takes full-duplex streamed requests (PutMedia); null: none. */
  final StreamingHandler streaming;
  final Supplier<String> metrics;
  final Executor handlerExecutor;
  final HttpServerOptions options;
  final HttpLimits limits;
  final ChannelGroup connections;
  final HttpStats stats;
  final ClientStreams clientStreams;
  final AtomicInteger inFlight = new AtomicInteger();
  final LongAdder responsesWritten = new LongAdder();
  volatile boolean draining;

  ServerContext(
      AwsHandler handler,
      Supplier<String> metrics,
      Executor handlerExecutor,
      HttpServerOptions options,
      ChannelGroup connections,
      HttpStats stats) {
    this.handler = handler;
    this.streaming = options.streamingHandler();
    this.metrics = metrics;
    this.handlerExecutor = handlerExecutor;
    this.options = options;
    this.limits = options.limits();
    this.connections = connections;
    this.stats = stats;
    this.clientStreams = new ClientStreams(limits.maxStreamsPerClient(), stats);
  }
}
