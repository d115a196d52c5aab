package io.rivulet.server.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A minimal HTTP/2 client that starts with the connection preface (prior knowledge), as the AWS
 * SDK's Netty client does for {@code http://} endpoints; one stream per request.
 */
final class H2PriorKnowledgeClient implements AutoCloseable {

  /** A received response, with lower-case header names. */
  record Response(int status, Map<String, String> headers, String body) {}

  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final Channel connection;

  H2PriorKnowledgeClient(int port) throws InterruptedException {
    this(port, null);
  }

  /** Over TLS when {@code tls} is not null (sending the preface whatever ALPN negotiated). */
  H2PriorKnowledgeClient(int port, SslContext tls) throws InterruptedException {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (tls != null) {
                      ch.pipeline().addLast(tls.newHandler(ch.alloc(), "127.0.0.1", port));
                    }
                    ch.pipeline()
                        .addLast(
                            Http2FrameCodecBuilder.forClient()
                                .initialSettings(Http2Settings.defaultSettings())
                                .build(),
                            new Http2MultiplexHandler(new IgnorePushes()));
                  }
                });
    connection = bootstrap.connect("127.0.0.1", port).sync().channel();
  }

  Channel connection() {
    return connection;
  }

  CompletableFuture<Response> send(HttpMethod method, String uri, byte[] body) {
    return send(method, uri, body, Map.of());
  }

  /** A whole request with extra headers. */
  CompletableFuture<Response> send(
      HttpMethod method, String uri, byte[] body, Map<String, String> headers) {
    FullHttpRequest request =
        new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.wrappedBuffer(body));
    request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    request.headers().set("X-Test", "h2");
    headers.forEach(request.headers()::add);
    return open(request);
  }

  /** Only the head of a request announcing {@code contentLength} bytes: the body never comes. */
  CompletableFuture<Response> sendHeadOnly(HttpMethod method, String uri, int contentLength) {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
    request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, contentLength);
    return open(request);
  }

  private CompletableFuture<Response> open(HttpRequest request) {
    CompletableFuture<Response> result = new CompletableFuture<>();
    new Http2StreamChannelBootstrap(connection)
        .handler(
            new ChannelInitializer<Http2StreamChannel>() {
              @Override
              protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline()
                    .addLast(
                        new Http2StreamFrameToHttpObjectCodec(false),
                        new HttpObjectAggregator(64 * 1024 * 1024),
                        new Collector(result));
              }
            })
        .open()
        .addListener(
            f -> {
              if (f.isSuccess()) {
                ((Http2StreamChannel) f.getNow()).writeAndFlush(request);
              } else {
                ReferenceCountUtil.release(request);
                result.completeExceptionally(f.cause());
              }
            });
    return result;
  }

  @Override
  public void close() {
    connection.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
  }

  private static final class Collector extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final CompletableFuture<Response> result;

    Collector(CompletableFuture<Response> result) {
      this.result = result;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
      Map<String, String> headers = new TreeMap<>();
      msg.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
      result.complete(
          new Response(
              msg.status().code(), headers, msg.content().toString(StandardCharsets.UTF_8)));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      result.completeExceptionally(cause);
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      result.completeExceptionally(new IOException("stream closed without a response"));
    }
  }

  @ChannelHandler.Sharable
  private static final class IgnorePushes extends ChannelInboundHandlerAdapter {}
}
