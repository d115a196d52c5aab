package io.rivulet.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.StreamingHandler;
import java.io.IOException;

/**
 * Sits between the request gate and the aggregator of an HTTP/1.x connection (or of an HTTP/2
 * stream's child channel, where the stream's flow control does the back-pressure) and takes the
 * requests the {@link StreamingHandler} accepts (PutMedia): their head travels on to the {@link
 * ExchangeHandler} as a {@link Request} (so its response keeps its place in the connection's
 * order), their body pieces go to its {@link RequestBody} as they arrive, never aggregated, and
 * the gate's body deadline is lifted. Every other message passes through. One instance per
 * connection or stream; confined to its event loop.
 */
final class StreamingRequests extends ChannelInboundHandlerAdapter {
  static final String NAME = "streaming-requests";

  /** A streamed request's head and body, in place of an aggregated request. */
  record Request(AwsRequest head, HttpVersion version, boolean keepAlive, RequestBody body) {}

  private final StreamingHandler handler;
  private RequestBody body; // the body being received, or null

  StreamingRequests(StreamingHandler handler) {
    this.handler = handler;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (body != null && msg instanceof HttpContent content) {
      try {
        body.offer(content.content());
        if (content instanceof LastHttpContent) {
          body.end();
          body = null;
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
      return;
    }
    if (msg instanceof HttpRequest request && !(msg instanceof FullHttpRequest)
        && request.decoderResult().isSuccess()) {
      AwsRequest head = ExchangeHandler.awsRequest(ctx, request, new byte[0], RequestIds.next());
      if (handler.accepts(head)) {
        RequestGate gate = ctx.pipeline().get(RequestGate.class);
        if (gate != null) {
          gate.disarm();
        }
        body = new RequestBody(ctx, request.protocolVersion(), HttpUtil.is100ContinueExpected(request));
        ReferenceCountUtil.release(msg);
        ctx.fireChannelRead(new Request(head, request.protocolVersion(),
            HttpUtil.isKeepAlive(request), body));
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (body != null) {
      body.fail(new IOException("the connection closed before the request body ended"));
      body = null;
    }
    super.channelInactive(ctx);
  }
}
