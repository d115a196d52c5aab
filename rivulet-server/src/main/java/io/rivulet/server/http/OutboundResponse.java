package io.rivulet.server.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One response waiting its turn in a connection's ordered response queue ({@link ExchangeHandler}).
 * Today the only kind is {@link FullResponse}, written in one piece.
 *
 * <p><b>Streaming seam.</b> A streamed response (SubscribeToShard's event stream, Video's
 * GetMedia/PutMedia acknowledgements) will be a second implementation: {@link #writeTo} writes the
 * status line and headers (no {@code Content-Length}; chunked on HTTP/1.1, DATA frames on HTTP/2),
 * then pulls body pieces from its source only while {@code ctx.channel().isWritable()} and resumes
 * on {@code channelWritabilityChanged}, and returns the future of its last write. The queue must
 * then wait for that future before writing the next response (see {@link #isWrittenAtOnce()}).
 * Implementations are confined to the connection's event loop.
 */
interface OutboundResponse {

  /**
   * Writes (without flushing) this response. {@code closeAfter} asks for {@code Connection: close}
   * on HTTP/1.x; the caller closes the channel once the returned future completes.
   */
  ChannelFuture writeTo(ChannelHandlerContext ctx, HttpVersion version, boolean closeAfter);

  /**
   * True when the whole response is handed to Netty by {@link #writeTo}, so the next queued
   * response may be written right after it. A streamed response returns false.
   */
  default boolean isWrittenAtOnce() {
    return true;
  }
}
