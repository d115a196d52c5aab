package io.rivulet.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of each accepted connection:
 *
 * <pre>
 * idle → guard → cleartext-h2 → [HttpServerCodec → HttpServerUpgradeHandler] → aggregator → exchange
 * </pre>
 *
 * {@code CleartextHttp2ServerUpgradeHandler} looks at the first bytes: the HTTP/2 preface switches
 * the connection to HTTP/2 by prior knowledge, anything else leaves HTTP/1.1, where {@code Upgrade:
 * h2c} may still switch it (see {@link Http2Setup}). A later streaming route (PutMedia's chunked
 * upload) belongs between the HTTP codec and the {@link #AGGREGATOR}, so its body is never
 * aggregated. {@link TlsInitializer} builds the HTTPS listener's connections from the same parts.
 * Sharable and thread-safe.
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
  static final String AGGREGATOR = "aggregator";
  static final String EXCHANGE = "exchange";
  private static final int MAX_INITIAL_LINE = 16 * 1024;
  private static final int MAX_HEADER_SIZE = 64 * 1024;

  private final ServerContext server;
  private final Http2Setup http2;

  ServerInitializer(ServerContext server) {
    this.server = server;
    this.http2 = new Http2Setup(server);
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    server.connections.add(ch);
    HttpServerCodec codec = newHttp1Codec();
    HttpServerUpgradeHandler upgrade =
        new HttpServerUpgradeHandler(
            codec, http2.upgradeCodecFactory(), server.options.maxRequestBodyBytes());
    ChannelPipeline pipeline = ch.pipeline();
    addIdleDetector(server, pipeline);
    pipeline.addLast(new ConnectionGuard());
    pipeline.addLast(
        new CleartextHttp2ServerUpgradeHandler(codec, upgrade, http2.priorKnowledgeHandler()));
    addExchange(server, pipeline);
  }

  static HttpServerCodec newHttp1Codec() {
    return new HttpServerCodec(
        new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_INITIAL_LINE)
            .setMaxHeaderSize(MAX_HEADER_SIZE));
  }

  static void addIdleDetector(ServerContext server, ChannelPipeline pipeline) {
    long idleMillis = server.options.idleTimeout().toMillis();
    if (idleMillis > 0) {
      pipeline.addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
    }
  }

  /** The HTTP/1.x tail of a connection: {@link #AGGREGATOR} and {@link #EXCHANGE}. */
  static void addExchange(ServerContext server, ChannelPipeline pipeline) {
    pipeline.addLast(AGGREGATOR, new BodyAggregator(server.options.maxRequestBodyBytes()));
    pipeline.addLast(EXCHANGE, new ExchangeHandler(server, false));
  }
}
