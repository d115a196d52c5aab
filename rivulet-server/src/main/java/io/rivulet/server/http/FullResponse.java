package io.rivulet.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.rivulet.protocol.AwsResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response whose whole body is in memory, written as one {@link FullHttpResponse} that wraps the
 * body array without copying. Adds {@code Date}, {@code Content-Length} and {@code
 * x-amzn-RequestId} (unless the handler set it), and drops framing headers a handler must not set.
 * Immutable; {@link #writeTo} runs on the connection's event loop.
 */
final class FullResponse implements OutboundResponse {
  private static final Logger LOG = LoggerFactory.getLogger(FullResponse.class);

  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;
  private final String requestId;

  FullResponse(AwsResponse response, String requestId) {
    this(response.status(), response.headers(), response.body(), requestId);
  }

  FullResponse(int status, Map<String, String> headers, byte[] body, String requestId) {
    this.status = status;
    this.headers = headers == null ? Map.of() : headers;
    this.body = body == null ? new byte[0] : body;
    this.requestId = requestId;
  }

  int status() {
    return status;
  }

  @Override
  public ChannelFuture writeTo(ChannelHandlerContext ctx, HttpVersion version, boolean closeAfter) {
    FullHttpResponse response;
    try {
      response = toNetty(version, closeAfter);
    } catch (RuntimeException e) { // an invalid status or header from the handler
      LOG.error("Request {}: handler produced an unwritable response", requestId, e);
      response = Responses.internalFailure(requestId).toNetty(version, closeAfter);
    }
    return ctx.write(response);
  }

  /** Builds the Netty response; throws IllegalArgumentException on an invalid status or header. */
  FullHttpResponse toNetty(HttpVersion version, boolean closeAfter) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            version, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
    HttpHeaders out = response.headers();
    try {
      for (Map.Entry<String, String> header : headers.entrySet()) {
        out.set(header.getKey(), header.getValue());
      }
      out.remove(HttpHeaderNames.TRANSFER_ENCODING);
      out.remove(HttpHeaderNames.CONNECTION);
      if (requestId != null && !out.contains(Responses.REQUEST_ID)) {
        out.set(Responses.REQUEST_ID, requestId);
      }
      out.set(HttpHeaderNames.DATE, Responses.httpDate());
      out.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      if (closeAfter) {
        out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      } else if (version.equals(HttpVersion.HTTP_1_0)) {
        out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      }
      return response;
    } catch (RuntimeException e) {
      response.release();
      throw e;
    }
  }
}
