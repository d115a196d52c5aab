package io.rivulet.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Aggregates a request body up to the limit, like Netty's {@link HttpObjectAggregator}, except that
 * an oversized request does not get Netty's empty 413 written out of turn: a {@link TooLarge}
 * marker travels down the pipeline in the request's place, so {@link ExchangeHandler} answers it in
 * order with an AWS-shaped JSON body. The rest of the oversized body is discarded; the connection
 * stays open when the request allowed keep-alive and its length was declared (mid-body overflow of
 * a chunked body closes it, as Netty does, rather than drain an unbounded upload). With {@code
 * Expect: 100-continue} the 413 replaces the 100 and the connection is closed after it: clients
 * disagree on whether the body still follows (curl stops; the JDK 17 client sends it anyway), so
 * the next bytes could be either a body or a request.
 *
 * <p>One instance per channel; confined to its event loop.
 */
final class BodyAggregator extends HttpObjectAggregator {

  /** Stands for an oversized request; {@code keepAlive} says whether the connection survives. */
  record TooLarge(HttpVersion version, boolean keepAlive) {}

  private final HttpStats stats;

  BodyAggregator(ServerContext server) {
    super(server.limits.maxRequestBodyBytes(), true);
    this.stats = server.stats;
  }

  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object response = super.newContinueResponse(start, maxContentLength, pipeline);
    if (response instanceof HttpResponse http
        && http.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
      ReferenceCountUtil.release(response);
      countOversized(stats, pipeline.channel(), maxContentLength);
      return Responses.tooLarge(RequestIds.next()).toNetty(start.protocolVersion(), true);
    }
    return response;
  }

  /** Counts and logs (rate-limited) a request refused for its body size. */
  static void countOversized(HttpStats stats, Channel channel, int max) {
    stats.hit(HttpStats.Limit.BODY_SIZE,
        "Refusing a request from {}: its body is over {} bytes (--max-body-bytes)",
        ClientStreams.clientOf(channel), max);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    countOversized(stats, ctx.channel(), maxContentLength());
    if (oversized instanceof HttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request) && !(oversized instanceof FullHttpMessage);
      ctx.fireChannelRead(new TooLarge(request.protocolVersion(), keepAlive));
    } else {
      super.handleOversizedMessage(ctx, oversized);
    }
  }
}
