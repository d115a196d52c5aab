package io.rivulet.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of each connection accepted on the HTTPS listener:
 *
 * <pre>
 * idle → SslHandler → guard → negotiator
 *   ALPN h2:       → Http2FrameCodec → Http2MultiplexHandler → tail      (as h2c, see Http2Setup)
 *   ALPN http/1.1: → HttpServerCodec → aggregator → exchange
 *   no ALPN:       → cleartext-h2 → [HttpServerCodec] → aggregator → exchange
 * </pre>
 *
 * The negotiator waits for the handshake, then installs the same handlers the cleartext port uses,
 * so both versions end in the same {@link ExchangeHandler} with the same HTTP/2 settings. A client
 * that sends no ALPN extension (the AWS SDK's Netty client by default: it assumes HTTP/2) is told
 * apart by its first bytes, the HTTP/2 preface or an HTTP/1.1 request line; {@code Upgrade: h2c}
 * is ignored over TLS (RFC 9113 section 3.2). Sharable and thread-safe.
 */
final class TlsInitializer extends ChannelInitializer<SocketChannel> {
  private static final Logger LOG = LoggerFactory.getLogger(TlsInitializer.class);
  private static final String NO_ALPN = "none";

  private final ServerContext server;
  private final SslContext sslContext;
  private final Http2Setup http2;

  TlsInitializer(ServerContext server, SslContext sslContext) {
    this.server = server;
    this.sslContext = sslContext;
    this.http2 = new Http2Setup(server);
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    server.connections.add(ch);
    ChannelPipeline pipeline = ch.pipeline();
    ServerInitializer.addIdleDetector(server, pipeline);
    pipeline.addLast(sslContext.newHandler(ch.alloc()));
    pipeline.addLast(new ConnectionGuard());
    pipeline.addLast(new Negotiator());
  }

  /** Installs the handlers for the negotiated protocol once the handshake is done. */
  private final class Negotiator extends ApplicationProtocolNegotiationHandler {
    Negotiator() {
      super(NO_ALPN);
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
      ChannelPipeline pipeline = ctx.pipeline();
      switch (protocol) {
        case ApplicationProtocolNames.HTTP_2 -> pipeline.addLast(http2.priorKnowledgeHandler());
        case ApplicationProtocolNames.HTTP_1_1 -> {
          pipeline.addLast(ServerInitializer.newHttp1Codec());
          ServerInitializer.addExchange(server, pipeline);
        }
        case NO_ALPN -> {
          HttpServerCodec codec = ServerInitializer.newHttp1Codec();
          HttpServerUpgradeHandler noUpgrade =
              new HttpServerUpgradeHandler(
                  codec, name -> null, server.options.maxRequestBodyBytes());
          pipeline.addLast(
              new CleartextHttp2ServerUpgradeHandler(
                  codec, noUpgrade, http2.priorKnowledgeHandler()));
          ServerInitializer.addExchange(server, pipeline);
        }
        default -> throw new IllegalStateException("unexpected ALPN protocol: " + protocol);
      }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }
}
