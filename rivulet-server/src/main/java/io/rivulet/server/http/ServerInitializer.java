package io.rivulet.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of each accepted connection:
 *
 * <pre>
 * idle → guard → request-bytes → cleartext-h2 → [HttpServerCodec → HttpServerUpgradeHandler]
 *   → request-gate → [streaming-requests] → aggregator → exchange
 * </pre>
 *
 * A connection beyond {@link HttpLimits#maxConnections()} gets no pipeline: it is answered 503
 * and closed ({@link #admit}). {@code request-bytes} and {@code request-gate} ({@link RequestGate})
 * hold the header-count limit and the slow-client deadlines; the codec holds the header-size limit.
 *
 * {@code CleartextHttp2ServerUpgradeHandler} looks at the first bytes: the HTTP/2 preface switches
 * the connection to HTTP/2 by prior knowledge, anything else leaves HTTP/1.1, where {@code Upgrade:
 * h2c} may still switch it (see {@link Http2Setup}). Requests the server's {@code
 * StreamingHandler} accepts (PutMedia's chunked upload) are taken by {@link StreamingRequests}
 * before the {@link #AGGREGATOR}, so their body is never aggregated. {@link TlsInitializer} builds the HTTPS listener's connections from the same parts.
 * Sharable and thread-safe.
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
  static final String AGGREGATOR = "aggregator";
  static final String EXCHANGE = "exchange";
  static final String REQUEST_BYTES = "request-bytes";
  static final String REQUEST_GATE = "request-gate";
  private static final int MAX_INITIAL_LINE = 16 * 1024;

  private final ServerContext server;
  private final Http2Setup http2;

  ServerInitializer(ServerContext server) {
    this.server = server;
    this.http2 = new Http2Setup(server);
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (!admit(server, ch, true)) {
      return;
    }
    HttpServerCodec codec = newHttp1Codec(server);
    HttpServerUpgradeHandler upgrade = new UpgradeHandler(server, codec, http2.upgradeCodecFactory());
    ChannelPipeline pipeline = ch.pipeline();
    addIdleDetector(server, pipeline);
    pipeline.addLast(new ConnectionGuard(server));
    RequestGate gate = new RequestGate(server, false);
    pipeline.addLast(REQUEST_BYTES, gate.bytesWatcher());
    pipeline.addLast(
        new CleartextHttp2ServerUpgradeHandler(codec, upgrade, http2.priorKnowledgeHandler()));
    addExchange(server, pipeline, gate);
  }

  /**
   * Counts a new connection against {@link HttpLimits#maxConnections()}. Beyond it the connection
   * is refused: logged, counted, answered with a 503 on the cleartext port (nothing can be said
   * before a TLS handshake, so an HTTPS connection is just closed) and closed; returns false.
   */
  static boolean admit(ServerContext server, SocketChannel ch, boolean cleartext) {
    HttpStats stats = server.stats;
    int max = server.limits.maxConnections();
    if (stats.openConnections.incrementAndGet() > max) {
      stats.openConnections.decrementAndGet();
      stats.hit(HttpStats.Limit.CONNECTIONS,
          "Refusing a connection from {}: {} connections are open, the most allowed"
              + " (--max-connections)", ch.remoteAddress(), max);
      if (cleartext) {
        ch.writeAndFlush(Unpooled.wrappedBuffer(Responses.tooManyConnections(max)))
            .addListener(ChannelFutureListener.CLOSE);
      } else {
        ch.close();
      }
      return false;
    }
    stats.acceptedConnections.increment();
    ch.closeFuture().addListener(f -> stats.openConnections.decrementAndGet());
    server.connections.add(ch);
    return true;
  }

  static HttpServerCodec newHttp1Codec(ServerContext server) {
    return new HttpServerCodec(
        new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_INITIAL_LINE)
            .setMaxHeaderSize(server.limits.maxHeaderBytes()));
  }

  static void addIdleDetector(ServerContext server, ChannelPipeline pipeline) {
    long idleMillis = server.limits.idleTimeout().toMillis();
    if (idleMillis > 0) {
      pipeline.addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
    }
  }

  /**
   * The HTTP/1.x tail of a connection: {@link #REQUEST_GATE}, {@link #AGGREGATOR} and {@link
   * #EXCHANGE} ({@code gate}'s {@link RequestGate#bytesWatcher()} must already be before the codec).
   */
  static void addExchange(ServerContext server, ChannelPipeline pipeline, RequestGate gate) {
    pipeline.addLast(REQUEST_GATE, gate);
    if (server.streaming != null) {
      pipeline.addLast(StreamingRequests.NAME, new StreamingRequests(server.streaming));
    }
    pipeline.addLast(AGGREGATOR, new BodyAggregator(server));
    pipeline.addLast(EXCHANGE, new ExchangeHandler(server, false));
  }

  /**
   * Netty's upgrade handler (it aggregates an {@code Upgrade: h2c} request itself), answering an
   * oversized one as {@link BodyAggregator} does every other request: counted, logged, the JSON 413.
   */
  static final class UpgradeHandler extends HttpServerUpgradeHandler {
    private final ServerContext server;

    UpgradeHandler(ServerContext server, HttpServerCodec codec, UpgradeCodecFactory factory) {
      super(codec, factory, server.limits.maxRequestBodyBytes());
      this.server = server;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      BodyAggregator.countOversized(
          server.stats, ctx.channel(), server.limits.maxRequestBodyBytes());
      ctx.writeAndFlush(Responses.tooLarge(RequestIds.next())
              .toNetty(oversized.protocolVersion(), true))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
