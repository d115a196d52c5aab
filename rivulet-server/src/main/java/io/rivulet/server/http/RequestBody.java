package io.rivulet.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

/**
 * A streamed request's body as a {@link Flow.Publisher} of pieces, for a {@code StreamingHandler}.
 * Pieces are copied off Netty's buffers as they arrive and handed over while the subscriber has
 * demand; without demand they wait here and the connection stops reading (so a slow consumer
 * holds back the client, not server memory; at most what the decoder had already read waits). Sends {@code 100 Continue} once, when the body is
 * first wanted or the response starts. Confined to the connection's event loop (requests from
 * other threads hop onto it).
 */
final class RequestBody implements Flow.Publisher<ByteBuffer> {
  private final ChannelHandlerContext ctx;
  private final HttpVersion version;
  private final boolean expectContinue;
  private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
  private Flow.Subscriber<? super ByteBuffer> subscriber;
  private long demand;
  private boolean continueSent;
  private boolean ended;
  private Throwable failure;
  private boolean terminated;
  private boolean cancelled;

  RequestBody(ChannelHandlerContext ctx, HttpVersion version, boolean expectContinue) {
    this.ctx = ctx;
    this.version = version;
    this.expectContinue = expectContinue;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
    onLoop(() -> {
      if (subscriber != null) {
        s.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
        s.onError(new IllegalStateException("a request body has one subscriber"));
        return;
      }
      subscriber = s;
      s.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          onLoop(() -> more(n));
        }

        @Override
        public void cancel() {
          onLoop(RequestBody.this::cancelLocked);
        }
      });
      drain();
    });
  }

  private void onLoop(Runnable r) {
    if (ctx.executor().inEventLoop()) {
      r.run();
    } else {
      try {
        ctx.executor().execute(r);
      } catch (RejectedExecutionException e) {
        // the event loop is gone with its connection
      }
    }
  }

  private void more(long n) {
    if (terminated || cancelled) {
      return;
    }
    if (n <= 0) {
      cancelLocked();
      signalError(new IllegalArgumentException("request(" + n + ")"));
      return;
    }
    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
    sendContinue();
    drain();
    if (demand > 0 && pending.isEmpty() && !ended && ctx.channel().isActive()) {
      ctx.channel().config().setAutoRead(true);
      ctx.read();
    }
  }

  /** Called before the response head is written: the client may now send the body. */
  void sendContinue() {
    if (expectContinue && !continueSent && !ended) {
      continueSent = true;
      ctx.writeAndFlush(new DefaultFullHttpResponse(version, HttpResponseStatus.CONTINUE));
    }
  }

  /** A piece of the body from the connection. */
  void offer(ByteBuf content) {
    if (cancelled || terminated || !content.isReadable()) {
      return;
    }
    ByteBuffer copy = ByteBuffer.allocate(content.readableBytes());
    content.getBytes(content.readerIndex(), copy);
    copy.flip();
    pending.add(copy);
    drain();
    if (!pending.isEmpty()) { // no demand: stop reading until the subscriber asks
      ctx.channel().config().setAutoRead(false);
    }
  }

  /** The body ended (its last chunk arrived). */
  void end() {
    ended = true;
    drain();
  }

  /** The connection was lost before the body ended. */
  void fail(Throwable t) {
    if (!ended) {
      failure = t;
      drain();
    }
  }

  /** Whether the whole body has arrived. */
  boolean ended() {
    return ended;
  }

  private void cancelLocked() {
    cancelled = true;
    pending.clear();
  }

  private void drain() {
    if (subscriber == null || terminated) {
      return;
    }
    while (demand > 0 && !pending.isEmpty() && !cancelled) {
      ByteBuffer piece = pending.poll();
      demand--;
      subscriber.onNext(piece);
    }
    if (pending.isEmpty() && !cancelled) {
      if (ended) {
        terminated = true;
        subscriber.onComplete();
      } else if (failure != null) {
        signalError(failure);
      }
    }
  }

  private void signalError(Throwable t) {
    if (!terminated && subscriber != null) {
      terminated = true;
      subscriber.onError(t instanceof IOException ? t : new IOException(t));
    }
  }
}
