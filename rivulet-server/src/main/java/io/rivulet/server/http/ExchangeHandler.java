package io.rivulet.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns aggregated requests into responses: answers {@code /health} and {@code /metrics} itself,
 * hands everything else to the {@code AwsHandler} on the handler executor, and writes responses
 * back in request order. One instance serves one HTTP/1.x connection (where pipelined requests may
 * be in flight together; their responses are queued and written strictly in order) or one HTTP/2
 * stream (one request; streams of a connection run concurrently, each in its own child channel).
 *
 * <p>Confined to the channel's event loop: handler completions hop back onto it before touching any
 * state. Never blocks the event loop.
 */
final class ExchangeHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);

  private final ServerContext server;
  private final boolean http2;
  private final ArrayDeque<Exchange> queue = new ArrayDeque<>();
  private ChannelHandlerContext ctx;

  /**
   * The connection closes once the queue is written: after a request that ends the connection
   * (then later requests are ignored, see {@link #ignoreFurther}) or on a server drain (then
   * requests already read are still answered; no more are read).
   */
  private boolean closing;

  /** Requests after a {@code Connection: close}, malformed or unrecoverable one are dropped. */
  private boolean ignoreFurther;

  /** The channel is gone; late completions are dropped. */
  private boolean closed;

  /** A streamed response is being written; later responses wait for it. */
  private boolean streaming;
  /** The streamed response being written, if any (its writes follow the channel's writability). */
  private StreamedResponse streamed;

  /** One request's place in the response order; its response is set when ready. */
  private static final class Exchange {
    final HttpVersion version;
    final boolean keepAlive;
    OutboundResponse response;
    /** Close the channel after the response even on HTTP/2 (resetting a request still sending). */
    boolean closeStream;
    /** The client's long-lived stream slot, given back when the response ends; or null. */
    ClientStreams.Slot slot;
    /** A streamed request's body (full-duplex), or null. */
    RequestBody body;

    Exchange(HttpVersion version, boolean keepAlive) {
      this.version = version;
      this.keepAlive = keepAlive;
    }
  }

  ExchangeHandler(ServerContext server, boolean http2) {
    this.server = server;
    this.http2 = http2;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request) {
      try {
        onRequest(request);
      } finally {
        request.release();
      }
    } else if (msg instanceof BodyAggregator.TooLarge tooLarge) {
      onTooLarge(tooLarge);
    } else if (msg instanceof RequestGate.Rejected rejected) {
      onRejected(rejected);
    } else if (msg instanceof StreamingRequests.Request streamed) {
      onStreamingRequest(streamed);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequest(FullHttpRequest request) {
    if (ignoreFurther) {
      return; // pipelined after a request that ends the connection: never answered
    }
    HttpVersion version = request.protocolVersion();
    if (request.decoderResult().isFailure()) {
      LOG.debug("Malformed request on {}", ctx.channel(), request.decoderResult().cause());
      closing = true;
      ignoreFurther = true;
      complete(enqueue(version, false), Responses.badRequest(RequestIds.next()));
      return;
    }
    boolean keepAlive = http2 || HttpUtil.isKeepAlive(request);
    Exchange exchange = enqueue(version, keepAlive);
    if (!keepAlive) {
      closing = true;
      ignoreFurther = true;
    }
    String uri = request.uri();
    int question = uri.indexOf('?');
    String path = pathOf(question < 0 ? uri : uri.substring(0, question));
    HttpMethod method = request.method();
    if (HttpMethod.GET.equals(method) && "/health".equals(path)) {
      complete(exchange, Responses.health(server.draining));
    } else if (HttpMethod.GET.equals(method) && "/metrics".equals(path)) {
      dispatch(exchange, null, () -> serveMetrics(exchange));
    } else {
      String requestId = RequestIds.next();
      if (ClientStreams.isLongLived(request) && !takeSlot(exchange, request, requestId)) {
        return;
      }
      AwsRequest aws =
          awsRequest(ctx, request, ByteBufUtil.getBytes(request.content()), requestId);
      dispatch(exchange, requestId, () -> callHandler(exchange, aws));
    }
  }

  /**
   * Takes the client's slot for a long-lived response; without one, answers {@code
   * LimitExceededException} and returns false.
   */
  private boolean takeSlot(Exchange exchange, FullHttpRequest request, String requestId) {
    java.net.InetAddress client = ClientStreams.clientOf(ctx.channel());
    ClientStreams.Slot slot = server.clientStreams.tryAcquire(client);
    if (slot != null) {
      exchange.slot = slot;
      return true;
    }
    int max = server.clientStreams.max();
    server.stats.hit(HttpStats.Limit.STREAMS_PER_CLIENT,
        "Refusing a SubscribeToShard from {}: it has {} event streams open, the most allowed"
            + " (--max-streams-per-client)", client, max);
    complete(exchange, Responses.limitExceeded(request.headers().get("content-type"),
        "Too many concurrent SubscribeToShard event streams from this client: at most " + max,
        requestId));
    return false;
  }

  /** A request whose body streams to the {@code StreamingHandler} while its response is written. */
  private void onStreamingRequest(StreamingRequests.Request streamed) {
    if (ignoreFurther) {
      streamed.body().fail(new java.io.IOException("the connection is closing"));
      return;
    }
    Exchange exchange = enqueue(streamed.version(), streamed.keepAlive());
    exchange.body = streamed.body();
    if (!streamed.keepAlive()) {
      closing = true;
      ignoreFurther = true;
    }
    AwsRequest head = streamed.head();
    dispatch(exchange, head.requestId(), () -> {
      CompletableFuture<AwsResponse> future;
      try {
        future = server.streaming.handle(head, streamed.body());
      } catch (Throwable t) {
        future = CompletableFuture.failedFuture(t);
      }
      future.whenComplete((response, error) -> completeFromAnyThread(exchange,
          outbound(head.requestId(), response, error)));
    });
  }

  /** A request refused before aggregation: answered in order, then the connection closes. */
  private void onRejected(RequestGate.Rejected rejected) {
    if (ignoreFurther) {
      return;
    }
    closing = true;
    ignoreFurther = true;
    Exchange exchange = enqueue(rejected.version(), false);
    exchange.closeStream = true;
    complete(exchange, rejected.response());
  }

  private void onTooLarge(BodyAggregator.TooLarge tooLarge) {
    if (ignoreFurther) {
      return;
    }
    if (!tooLarge.keepAlive()) {
      closing = true;
      ignoreFurther = true;
    }
    complete(
        enqueue(tooLarge.version(), tooLarge.keepAlive()), Responses.tooLarge(RequestIds.next()));
  }

  private Exchange enqueue(HttpVersion version, boolean keepAlive) {
    Exchange exchange = new Exchange(version, keepAlive);
    queue.add(exchange);
    server.inFlight.incrementAndGet();
    if (queue.size() >= server.options.maxPipelinedRequests()) {
      ctx.channel().config().setAutoRead(false);
    }
    return exchange;
  }

  private void dispatch(Exchange exchange, String requestId, Runnable task) {
    try {
      server.handlerExecutor.execute(task);
    } catch (RejectedExecutionException e) {
      complete(exchange, Responses.serviceUnavailable(requestId));
    }
  }

  private void serveMetrics(Exchange exchange) {
    OutboundResponse response;
    try {
      response = Responses.metrics(server.metrics.get());
    } catch (RuntimeException e) {
      LOG.error("Metrics supplier failed", e);
      response = Responses.internalFailure(null);
    }
    completeFromAnyThread(exchange, response);
  }

  /** Runs on the handler executor. */
  private void callHandler(Exchange exchange, AwsRequest request) {
    CompletableFuture<AwsResponse> future;
    try {
      future = server.handler.handle(request);
      if (future == null) {
        throw new NullPointerException("AwsHandler returned a null future");
      }
    } catch (Throwable t) {
      future = CompletableFuture.failedFuture(t);
    }
    future.whenComplete((response, error) -> completeFromAnyThread(exchange,
        outbound(request.requestId(), response, error)));
  }

  private static OutboundResponse outbound(String requestId, AwsResponse response,
      Throwable error) {
    if (error != null || response == null) {
      LOG.error("Request {}: handler failed", requestId, error);
      return Responses.internalFailure(requestId);
    }
    return response.stream() != null ? new StreamedResponse(response, requestId)
        : new FullResponse(response, requestId);
  }

  private void completeFromAnyThread(Exchange exchange, OutboundResponse response) {
    EventExecutor loop = ctx.executor();
    if (loop.inEventLoop()) {
      complete(exchange, response);
      return;
    }
    try {
      loop.execute(() -> complete(exchange, response));
    } catch (RejectedExecutionException e) {
      LOG.debug("Event loop gone; dropping a late response");
    }
  }

  private void complete(Exchange exchange, OutboundResponse response) {
    if (closed) {
      return;
    }
    exchange.response = response;
    writeReady();
  }

  /** Writes every response at the head of the queue that is ready, in order, then flushes once. */
  private void writeReady() {
    boolean wrote = false;
    while (!streaming && !queue.isEmpty() && queue.peek().response != null) {
      Exchange exchange = queue.poll();
      server.inFlight.decrementAndGet();
      server.responsesWritten.increment();
      RequestBody body = exchange.body;
      boolean streamedBody = body != null && !exchange.response.isWrittenAtOnce();
      if (streamedBody) {
        body.sendContinue(); // before the response head, if the client still waits for it
      }
      boolean close =
          exchange.closeStream
              || (body != null && !streamedBody && !body.ended()) // an error mid-upload
              || (!http2 && (!exchange.keepAlive || (closing && queue.isEmpty())));
      ChannelFuture written = exchange.response.writeTo(ctx, exchange.version, close);
      if (streamedBody) { // the response ended before the upload: nothing can follow it
        written.addListener(f -> {
          if (!body.ended()) {
            ctx.close();
          }
        });
      }
      wrote = true;
      if (exchange.slot != null) {
        ClientStreams.Slot slot = exchange.slot;
        written.addListener(f -> slot.release());
      }
      if (close) {
        written.addListener(ChannelFutureListener.CLOSE);
        dropQueue();
        break;
      }
      if (!exchange.response.isWrittenAtOnce()) {
        streaming = true;
        streamed = exchange.response instanceof StreamedResponse sr ? sr : null;
        written.addListener(
            f -> {
              streaming = false;
              streamed = null;
              writeReady();
            });
      }
    }
    if (wrote) {
      ctx.flush();
    }
    if (!closing
        && !closed
        && !ctx.channel().config().isAutoRead()
        && queue.size() < server.options.maxPipelinedRequests()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (streamed != null) {
      streamed.writabilityChanged();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == ConnectionGuard.DRAIN) {
      closing = true;
      ctx.channel().config().setAutoRead(false);
      if (queue.isEmpty()) {
        ctx.close();
      }
    } else if (evt instanceof IdleStateEvent) {
      if (queue.isEmpty() && !streaming) { // a quiet event stream is not an idle connection
        server.stats.hit(HttpStats.Limit.IDLE_TIMEOUT, "Closing idle connection {}", ctx.channel());
        ctx.close();
      }
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    dropQueue();
    super.channelInactive(ctx);
  }

  private void dropQueue() {
    closed = true;
    server.inFlight.addAndGet(-queue.size());
    for (Exchange exchange : queue) {
      if (exchange.slot != null) {
        exchange.slot.release();
      }
    }
    queue.clear();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
      // the client went away (or was sent away by a limit) in the middle of a request
      LOG.debug("I/O error on {}: {}", ctx.channel(), cause.toString());
    } else {
      LOG.warn("Closing {} after an unexpected error", ctx.channel(), cause);
    }
    ctx.close();
  }

  /** The protocol layer's view of a request head with this body. */
  static AwsRequest awsRequest(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpRequest request,
      byte[] body, String requestId) {
    String uri = request.uri();
    int question = uri.indexOf('?');
    String path = pathOf(question < 0 ? uri : uri.substring(0, question));
    String query = question < 0 ? "" : uri.substring(question + 1);
    return new AwsRequest(request.method().name(), path, query, headersOf(request.headers()), body,
        requestId, overTls(ctx));
  }

  /** Whether this connection is TLS (an HTTP/2 stream's TLS is on its parent connection). */
  private static boolean overTls(ChannelHandlerContext ctx) {
    io.netty.channel.Channel parent = ctx.channel().parent();
    return ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null
        || (parent != null && parent.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null);
  }

  /** The path of an origin-form target, or of an absolute-form one ({@code http://host/path}). */
  private static String pathOf(String target) {
    if (target.startsWith("/")) {
      return target;
    }
    int scheme = target.indexOf("://");
    if (scheme > 0) {
      int slash = target.indexOf('/', scheme + 3);
      return slash < 0 ? "/" : target.substring(slash);
    }
    return target; // "*" or garbage: let the handler answer it
  }

  /** Lower-case names; repeated headers joined with commas; HTTP/2 conversion headers dropped. */
  static Map<String, String> headersOf(HttpHeaders headers) {
    Map<String, String> map = new HashMap<>(headers.size() * 2);
    Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
    while (it.hasNext()) {
      Map.Entry<CharSequence, CharSequence> header = it.next();
      String name = header.getKey().toString().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-http2-")) {
        continue;
      }
      map.merge(name, header.getValue().toString(), (a, b) -> a + "," + b);
    }
    return map;
  }
}
