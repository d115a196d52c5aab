package io.rivulet.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Second handler of every connection (after the idle-state detector): decides what idleness and a
 * server drain mean for the connection. An HTTP/2 connection is closed through its codec, which
 * sends GOAWAY and waits for open streams (bounded by the grace period); closing it on idleness
 * only happens with no open stream. On an HTTP/1.x connection both events travel on to {@link
 * ExchangeHandler}, which knows whether responses are still owed.
 *
 * <p>One instance per connection; confined to its event loop.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

  /** User event fired into every connection when the server starts its graceful shutdown. */
  static final Object DRAIN =
      new Object() {
        @Override
        public String toString() {
          return "DRAIN";
        }
      };

  /** Whether the connection switched to HTTP/2, and how many streams are open. */
  boolean http2;

  int openStreams;

  private final ServerContext server;

  ConnectionGuard(ServerContext server) {
    this.server = server;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (http2 && evt == DRAIN) {
      ctx.channel().close(); // from the tail, so the HTTP/2 codec turns it into GOAWAY + wait
    } else if (http2 && evt instanceof IdleStateEvent) {
      if (openStreams == 0) {
        server.stats.hit(HttpStats.Limit.IDLE_TIMEOUT, "Closing idle HTTP/2 connection {}", ctx.channel());
        ctx.channel().close();
      }
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }
}
