package io.rivulet.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.rivulet.server.http.HttpStats.Limit;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The limits a request meets before it is aggregated: its header fields ({@link
 * HttpLimits#maxHeaderCount()}, and Netty's decoder limits on the header block and request line,
 * answered 431 and 414 instead of a bare 400), and its deadlines against slow clients (slow-loris):
 * an HTTP/1.x request's head must be complete {@link HttpLimits#headerTimeout()} after its first
 * byte (a connection's first request: after the connection opened), and a body {@link
 * HttpLimits#bodyTimeout()} after its head, plus a second for every {@link
 * HttpLimits#BODY_BYTES_PER_EXTRA_SECOND} bytes received. A request over a limit is replaced by a
 * {@link Rejected} marker that travels, like {@link BodyAggregator.TooLarge}, to the {@link
 * ExchangeHandler}, which answers it in order and closes the connection (an HTTP/2 stream: resets
 * the stream); everything after it is dropped.
 *
 * <p>Sits before the aggregator: of an HTTP/1.x connection (then {@link #bytesWatcher()} sits
 * before the HTTP codec, to see a head's first bytes) or of an HTTP/2 stream (whose head arrives
 * whole, so only the body has a deadline). While the connection does not read (pipelined responses
 * are behind) a deadline waits. A streamed request body (PutMedia, later) must {@link #disarm()}
 * the body deadline. One instance per connection or stream; confined to its event loop.
 */
final class RequestGate extends ChannelInboundHandlerAdapter {
  /** A request refused before aggregation, in its place: the answer, then the connection closes. */
  record Rejected(HttpVersion version, FullResponse response) {}

  private enum Phase {
    IDLE,
    HEAD,
    BODY,
    REJECTED
  }

  private final ServerContext server;
  private final boolean http2;
  private ChannelHandlerContext ctx;
  private Channel channel;
  private Phase phase = Phase.IDLE;
  private HttpVersion version = HttpVersion.HTTP_1_1;
  private ScheduledFuture<?> timer;
  private long bodyStartNanos;
  private long bodyBytes;

  RequestGate(ServerContext server, boolean http2) {
    this.server = server;
    this.http2 = http2;
  }

  /** The handler to put before the HTTP/1 codec: a head's first byte starts its deadline. */
  ChannelInboundHandlerAdapter bytesWatcher() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext watcher) {
        channel = watcher.channel();
        if (channel.isActive()) {
          startHead();
        }
      }

      @Override
      public void channelActive(ChannelHandlerContext watcher) throws Exception {
        startHead();
        super.channelActive(watcher);
      }

      @Override
      public void channelRead(ChannelHandlerContext watcher, Object msg) {
        if (phase == Phase.REJECTED) {
          ReferenceCountUtil.release(msg);
          return;
        }
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
          startHead();
        }
        watcher.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.channel = ctx.channel();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelTimer();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelTimer();
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (phase == Phase.REJECTED || !(msg instanceof HttpObject)) {
      if (phase == Phase.REJECTED) {
        ReferenceCountUtil.release(msg);
      } else {
        ctx.fireChannelRead(msg);
      }
      return;
    }
    if (msg instanceof HttpRequest request && !onHead(request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpContent content) {
      bodyBytes += content.content().readableBytes();
    }
    if (msg instanceof LastHttpContent || msg instanceof FullHttpMessage) {
      cancelTimer();
      phase = Phase.IDLE;
    }
    ctx.fireChannelRead(msg);
  }

  /** Checks a request head and starts its body's deadline; false when it was rejected. */
  private boolean onHead(HttpRequest request) {
    version = request.protocolVersion();
    DecoderResult decoded = request.decoderResult();
    if (decoded.isFailure() && decoded.cause() instanceof TooLongHttpHeaderException) {
      server.stats.hit(Limit.HEADER_SIZE,
          "Refusing a request from {}: its headers are over {} bytes (--max-header-bytes)",
          ClientStreams.clientOf(ctx.channel()), server.limits.maxHeaderBytes());
      reject(Responses.headersTooLarge("Request header fields too large: at most "
          + server.limits.maxHeaderBytes() + " bytes", RequestIds.next()));
      return false;
    }
    if (decoded.isFailure() && decoded.cause() instanceof TooLongHttpLineException) {
      server.stats.hit(Limit.REQUEST_LINE, "Refusing a request from {}: its request line is too long",
          ClientStreams.clientOf(ctx.channel()));
      reject(Responses.uriTooLong(RequestIds.next()));
      return false;
    }
    if (decoded.isFailure()) { // malformed: ExchangeHandler answers 400 and closes
      cancelTimer();
      phase = Phase.IDLE;
      return true;
    }
    int count = request.headers().size();
    if (count > server.limits.maxHeaderCount()) {
      server.stats.hit(Limit.HEADER_COUNT,
          "Refusing a request from {}: {} header fields, more than {} (--max-headers)",
          ClientStreams.clientOf(ctx.channel()), count, server.limits.maxHeaderCount());
      reject(Responses.headersTooLarge("Too many request header fields: " + count
          + ", at most " + server.limits.maxHeaderCount(), RequestIds.next()));
      return false;
    }
    cancelTimer();
    phase = Phase.BODY;
    bodyStartNanos = System.nanoTime();
    bodyBytes = 0;
    if (!(request instanceof FullHttpMessage) && hasBody(request)) {
      schedule(server.limits.bodyTimeout().toNanos());
    }
    return true;
  }

  private static boolean hasBody(HttpRequest request) {
    try {
      return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** Starts the head deadline, unless a request is already under way. */
  private void startHead() {
    if (phase == Phase.IDLE && !http2) {
      phase = Phase.HEAD;
      schedule(server.limits.headerTimeout().toNanos());
    }
  }

  /** Lifts the current request's deadline (a streamed body has none). */
  void disarm() {
    cancelTimer();
  }

  private void schedule(long nanos) {
    cancelTimer();
    if (nanos > 0 && channel != null) {
      timer = channel.eventLoop().schedule(this::expired, nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expired() {
    timer = null;
    if (ctx == null || !ctx.channel().isActive() || phase == Phase.IDLE || phase == Phase.REJECTED) {
      return;
    }
    if (!http2 && !ctx.channel().config().isAutoRead()) {
      // the server is not reading (responses are behind): not the client's delay
      schedule(phase == Phase.HEAD ? server.limits.headerTimeout().toNanos()
          : server.limits.bodyTimeout().toNanos());
      bodyStartNanos = System.nanoTime();
      bodyBytes = 0;
      return;
    }
    if (phase == Phase.HEAD) {
      server.stats.hit(Limit.HEADER_TIMEOUT,
          "Closing a connection from {}: its request headers did not arrive within {} ms"
              + " (--header-timeout)",
          ClientStreams.clientOf(ctx.channel()), server.limits.headerTimeout().toMillis());
      reject(Responses.requestTimeout(
          "Request headers not received within " + server.limits.headerTimeout().toMillis() + " ms",
          RequestIds.next()));
      return;
    }
    long deadline = bodyStartNanos + server.limits.bodyTimeout().toNanos()
        + TimeUnit.SECONDS.toNanos(bodyBytes / HttpLimits.BODY_BYTES_PER_EXTRA_SECOND);
    long now = System.nanoTime();
    if (now < deadline) {
      schedule(deadline - now);
      return;
    }
    server.stats.hit(Limit.BODY_TIMEOUT,
        "Closing {} from {}: its request body did not arrive in time ({} bytes after {} ms; --body-timeout)",
        http2 ? "an HTTP/2 stream" : "a connection", ClientStreams.clientOf(ctx.channel()),
        bodyBytes, TimeUnit.NANOSECONDS.toMillis(now - bodyStartNanos));
    reject(Responses.requestTimeout("Request body not received in time", RequestIds.next()));
  }

  private void reject(FullResponse response) {
    cancelTimer();
    phase = Phase.REJECTED;
    if (!http2) {
      ctx.channel().config().setAutoRead(false);
    }
    ctx.fireChannelRead(new Rejected(version, response));
  }
}
