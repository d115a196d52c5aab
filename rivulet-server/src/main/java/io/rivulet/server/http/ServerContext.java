package io.rivulet.server.http;

import io.netty.channel.group.ChannelGroup;
import io.rivulet.protocol.AwsHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What every connection of one server shares: the handler, where to call it, the options, the open
 * connections and the counters. Thread-safe: the references are final, the counters atomic and
 * {@link #draining} volatile.
 */
final class ServerContext {
  final AwsHandler handler;
  final Supplier<String> metrics;
  final Executor handlerExecutor;
  final HttpServerOptions options;
  final ChannelGroup connections;
  final AtomicInteger inFlight = new AtomicInteger();
  final LongAdder responsesWritten = new LongAdder();
  volatile boolean draining;

  ServerContext(
      AwsHandler handler,
      Supplier<String> metrics,
      Executor handlerExecutor,
      HttpServerOptions options,
      ChannelGroup connections) {
    this.handler = handler;
    this.metrics = metrics;
    this.handlerExecutor = handlerExecutor;
    this.options = options;
    this.connections = connections;
  }
}
