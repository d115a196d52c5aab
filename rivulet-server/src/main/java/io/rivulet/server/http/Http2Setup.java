package io.rivulet.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameLogger;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.logging.LogLevel;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches a connection to HTTP/2, by prior knowledge ({@link #priorKnowledgeHandler}) or by {@code
 * Upgrade: h2c} ({@link #upgradeCodecFactory}). Either way the connection pipeline becomes {@code
 * idle → guard → Http2FrameCodec → Http2MultiplexHandler → tail}, the HTTP/1 handlers are removed,
 * and every stream gets a child channel {@code Http2StreamFrameToHttpObjectCodec → RequestGate →
 * [StreamingRequests] → BodyAggregator → ExchangeHandler}: the same handlers that serve HTTP/1.1. The codec enforces
 * {@link HttpLimits#maxHttp2Streams()} and {@link HttpLimits#maxHeaderBytes()} itself (refused
 * streams and its 431s are counted by {@code LimitCounter}).
 *
 * <p>Flow control: each stream may receive 1 MiB and the connection 8 MiB before the client must
 * wait for a window update (the defaults, 64 KiB, would stall a 70 KB PutRecords body for a round
 * trip). Thread-safe: holds only immutable configuration; the handlers it creates are per
 * connection.
 */
final class Http2Setup {
  private static final Logger LOG = LoggerFactory.getLogger(Http2Setup.class);
  static final int STREAM_WINDOW = 1024 * 1024;
  static final int CONNECTION_WINDOW = 8 * 1024 * 1024;

  private final ServerContext server;
  private final StreamInitializer streamInitializer;
  private final LimitCounter limitCounter;

  Http2Setup(ServerContext server) {
    this.server = server;
    this.streamInitializer = new StreamInitializer(server);
    this.limitCounter = new LimitCounter(server);
  }

  /** Added by {@code CleartextHttp2ServerUpgradeHandler} when the client sent the h2 preface. */
  ChannelHandler priorKnowledgeHandler() {
    return new Switch(null, null);
  }

  HttpServerUpgradeHandler.UpgradeCodecFactory upgradeCodecFactory() {
    return protocol -> {
      if (!AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)) {
        return null;
      }
      Http2FrameCodec codec = newFrameCodec();
      Http2MultiplexHandler multiplex = new Http2MultiplexHandler(streamInitializer);
      return new Http2ServerUpgradeCodec(codec, multiplex, new Switch(codec, multiplex));
    };
  }

  private Http2FrameCodec newFrameCodec() {
    return Http2FrameCodecBuilder.forServer()
        .initialSettings(
            Http2Settings.defaultSettings()
                .maxConcurrentStreams(server.limits.maxHttp2Streams())
                .maxHeaderListSize(server.limits.maxHeaderBytes())
                .initialWindowSize(STREAM_WINDOW))
        .gracefulShutdownTimeoutMillis(server.options.shutdownGrace().toMillis())
        .validateHeaders(true)
        .frameLogger(limitCounter)
        .build();
  }

  /**
   * Installs the HTTP/2 codec (prior knowledge only; the upgrade codec installs it itself), then
   * removes the HTTP/1 handlers and itself, and widens the connection window.
   */
  private final class Switch extends ChannelHandlerAdapter {
    /** Null when this switch must install them (prior knowledge). */
    private final Http2FrameCodec installedCodec;

    Switch(Http2FrameCodec installedCodec, Http2MultiplexHandler installedMultiplex) {
      this.installedCodec = installedCodec;
      assert (installedCodec == null) == (installedMultiplex == null);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      ChannelPipeline pipeline = ctx.pipeline();
      if (installedCodec == null) {
        Http2FrameCodec codec = newFrameCodec();
        pipeline.addAfter(ctx.name(), null, codec);
        pipeline.addAfter(
            pipeline.context(codec).name(), null, new Http2MultiplexHandler(streamInitializer));
      }
      ConnectionGuard guard = pipeline.get(ConnectionGuard.class);
      if (guard != null) {
        guard.http2 = true;
      }
      for (String name :
          new String[] {
            ServerInitializer.REQUEST_BYTES,
            ServerInitializer.REQUEST_GATE,
            ServerInitializer.AGGREGATOR,
            ServerInitializer.EXCHANGE
          }) {
        if (pipeline.get(name) != null) {
          pipeline.remove(name);
        }
      }
      pipeline.addLast(new ConnectionErrorLogger());
      pipeline.remove(this);
      Channel channel = ctx.channel();
      channel
          .eventLoop()
          .execute(
              () -> {
                if (channel.isActive()) {
                  int delta = CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE;
                  channel.writeAndFlush(new DefaultHttp2WindowUpdateFrame(delta));
                }
              });
    }
  }

  /** Builds each stream's child pipeline and counts open streams on the connection's guard. */
  @ChannelHandler.Sharable
  private static final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
    private final ServerContext server;

    StreamInitializer(ServerContext server) {
      this.server = server;
    }

    @Override
    protected void initChannel(Http2StreamChannel stream) {
      ConnectionGuard guard = stream.parent().pipeline().get(ConnectionGuard.class);
      if (guard != null) {
        guard.openStreams++;
        stream.closeFuture().addListener(f -> guard.openStreams--);
      }
      stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
          new RequestGate(server, true));
      if (server.streaming != null) { // PutMedia over h2 (curl picks h2 by ALPN on HTTPS)
        stream.pipeline().addLast(new StreamingRequests(server.streaming));
      }
      stream.pipeline().addLast(new BodyAggregator(server), new ExchangeHandler(server, true));
    }
  }

  /**
   * Counts the streams the HTTP/2 codec refuses by itself, seen as the frames it writes: {@code
   * RST_STREAM(REFUSED_STREAM)} for a stream beyond {@code SETTINGS_MAX_CONCURRENT_STREAMS}, and
   * a bare 431 for a header list beyond {@code SETTINGS_MAX_HEADER_LIST_SIZE}. Logs nothing itself
   * (its level is TRACE, which is off). Sharable; thread-safe.
   */
  private static final class LimitCounter extends Http2FrameLogger {
    private final ServerContext server;

    LimitCounter(ServerContext server) {
      super(LogLevel.TRACE, Http2Setup.class);
      this.server = server;
    }

    @Override
    public void logRstStream(
        Direction direction, ChannelHandlerContext ctx, int streamId, long errorCode) {
      if (direction == Direction.OUTBOUND && errorCode == Http2Error.REFUSED_STREAM.code()) {
        server.stats.hit(HttpStats.Limit.HTTP2_STREAMS,
            "Refused HTTP/2 stream {} of {}: {} streams are open on the connection, the most"
                + " allowed (--max-http2-streams)",
            streamId, ctx.channel().remoteAddress(), server.limits.maxHttp2Streams());
      }
      super.logRstStream(direction, ctx, streamId, errorCode);
    }

    @Override
    public void logHeaders(Direction direction, ChannelHandlerContext ctx, int streamId,
        Http2Headers headers, int padding, boolean endStream) {
      countHeaderListTooLarge(direction, ctx, headers, endStream);
      super.logHeaders(direction, ctx, streamId, headers, padding, endStream);
    }

    @Override
    public void logHeaders(Direction direction, ChannelHandlerContext ctx, int streamId,
        Http2Headers headers, int streamDependency, short weight, boolean exclusive, int padding,
        boolean endStream) {
      countHeaderListTooLarge(direction, ctx, headers, endStream);
      super.logHeaders(direction, ctx, streamId, headers, streamDependency, weight, exclusive,
          padding, endStream);
    }

    private void countHeaderListTooLarge(
        Direction direction, ChannelHandlerContext ctx, Http2Headers headers, boolean endStream) {
      // Netty's own 431 is a bare status ending the stream; a 431 of RequestGate has a body
      if (direction == Direction.OUTBOUND && endStream && headers.size() == 1
          && headers.status() != null && AsciiString.contentEquals("431", headers.status())) {
        server.stats.hit(HttpStats.Limit.HEADER_SIZE,
            "Refusing a request from {}: its headers are over {} bytes (--max-header-bytes)",
            ctx.channel().remoteAddress(), server.limits.maxHeaderBytes());
      }
    }
  }

  /**
   * Last handler of an HTTP/2 connection: logs what the codec let through and releases leftovers.
   */
  private static final class ConnectionErrorLogger extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof IOException || cause instanceof Http2Exception) {
        // a client gone, or breaking the protocol (GOAWAY already says why): nothing to fix here
        LOG.debug("I/O error on {}: {}", ctx.channel(), cause.toString());
      } else {
        LOG.warn("Closing HTTP/2 connection {} after an unexpected error", ctx.channel(), cause);
      }
      ctx.close();
    }
  }
}
