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
import io.netty.handler.ssl.SslHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of each connection accepted on the HTTPS listener:
 *
 * <pre>
 * idle → SslHandler → guard → negotiator
 *   ALPN h2:       → Http2FrameCodec → Http2MultiplexHandler → tail      (as h2c, see Http2Setup)
 *   ALPN http/1.1: → request-bytes → HttpServerCodec → request-gate → aggregator → exchange
 *   no ALPN:       → request-bytes → cleartext-h2 → [HttpServerCodec] → request-gate → …
 * </pre>
 *
 * The {@link SslHandler} comes from the listener's current certificate ({@link
 * TlsListener#reload()} changes it for later connections only) and bounds the handshake by its
 * default 10 s; a connection beyond {@link HttpLimits#maxConnections()} is closed at once. Failed
 * handshakes are counted.
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
  private final TlsListener tls;
  private final Http2Setup http2;

  TlsInitializer(ServerContext server, TlsListener tls) {
    this.server = server;
    this.tls = tls;
    this.http2 = new Http2Setup(server);
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (!ServerInitializer.admit(server, ch, false)) {
      return;
    }
    ChannelPipeline pipeline = ch.pipeline();
    ServerInitializer.addIdleDetector(server, pipeline);
    pipeline.addLast(tls.newHandler(ch.alloc()));
    pipeline.addLast(new ConnectionGuard(server));
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
          RequestGate gate = new RequestGate(server, false);
          pipeline.addLast(ServerInitializer.REQUEST_BYTES, gate.bytesWatcher());
          pipeline.addLast(ServerInitializer.newHttp1Codec(server));
          ServerInitializer.addExchange(server, pipeline, gate);
        }
        case NO_ALPN -> {
          HttpServerCodec codec = ServerInitializer.newHttp1Codec(server);
          HttpServerUpgradeHandler noUpgrade =
              new ServerInitializer.UpgradeHandler(server, codec, name -> null);
          RequestGate gate = new RequestGate(server, false);
          pipeline.addLast(ServerInitializer.REQUEST_BYTES, gate.bytesWatcher());
          pipeline.addLast(
              new CleartextHttp2ServerUpgradeHandler(
                  codec, noUpgrade, http2.priorKnowledgeHandler()));
          ServerInitializer.addExchange(server, pipeline, gate);
        }
        default -> throw new IllegalStateException("unexpected ALPN protocol: " + protocol);
      }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
      server.stats.tlsHandshakeFailures.increment();
      LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }
}
