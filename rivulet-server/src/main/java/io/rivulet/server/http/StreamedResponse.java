package io.rivulet.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.rivulet.protocol.AwsResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response whose body is a publisher of pieces (an event stream): the headers go out first (no
 * Content-Length: chunked on HTTP/1.1, DATA frames on HTTP/2), then each piece as the publisher
 * produces it. Back-pressure: one piece is requested at a time, and the next only once the last
 * was written and the channel is writable — on HTTP/2 the stream's channel stops being writable
 * when the client's flow-control window is used up, so a slow reader never makes the server
 * buffer without bound. The connection's queue waits for {@link #writeTo}'s future (the end of the
 * stream) before the next response. Closing the channel cancels the publisher.
 *
 * <p>Confined to the connection's event loop, except {@code onNext}/{@code onComplete}/{@code
 * onError}, which hop onto it.
 */
final class StreamedResponse implements OutboundResponse, Flow.Subscriber<ByteBuffer> {
  private static final Logger LOG = LoggerFactory.getLogger(StreamedResponse.class);

  private final AwsResponse response;
  private final String requestId;
  private ChannelHandlerContext ctx;
  private ChannelPromise finished;
  private Flow.Subscription subscription;
  private boolean waitingForWritable;
  private boolean ended;

  StreamedResponse(AwsResponse response, String requestId) {
    this.response = response;
    this.requestId = requestId;
  }

  @Override
  public boolean isWrittenAtOnce() {
    return false;
  }

  @Override
  public ChannelFuture writeTo(ChannelHandlerContext ctx, HttpVersion version, boolean closeAfter) {
    this.ctx = ctx;
    this.finished = ctx.newPromise();
    HttpResponse head = new DefaultHttpResponse(version, HttpResponseStatus.valueOf(response.status()));
    HttpHeaders out = head.headers();
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      out.set(h.getKey(), h.getValue());
    }
    out.remove(HttpHeaderNames.CONTENT_LENGTH);
    out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    if (requestId != null && !out.contains(Responses.REQUEST_ID)) {
      out.set(Responses.REQUEST_ID, requestId);
    }
    out.set(HttpHeaderNames.DATE, Responses.httpDate());
    ctx.writeAndFlush(head);
    ctx.channel().closeFuture().addListener(f -> ctx.executor().execute(this::cancel));
    response.stream().subscribe(this);
    return finished;
  }

  /** The connection's writability changed (called by the exchange handler on the event loop). */
  void writabilityChanged() {
    if (waitingForWritable && ctx.channel().isWritable() && !ended) {
      waitingForWritable = false;
      subscription.request(1);
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    ctx.executor().execute(() -> {
      subscription = s;
      if (ended) {
        s.cancel();
      } else {
        requestNext();
      }
    });
  }

  private void requestNext() {
    if (ended) {
      return;
    }
    if (ctx.channel().isWritable()) {
      subscription.request(1);
    } else {
      waitingForWritable = true;
    }
  }

  @Override
  public void onNext(ByteBuffer piece) {
    ctx.executor().execute(() -> {
      if (ended) {
        return;
      }
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(piece)))
          .addListener(f -> {
            if (f.isSuccess()) {
              requestNext();
            } else {
              cancel();
            }
          });
    });
  }

  @Override
  public void onError(Throwable t) {
    ctx.executor().execute(() -> {
      LOG.error("Request {}: streamed response failed", requestId, t);
      end();
      ctx.close();
    });
  }

  @Override
  public void onComplete() {
    ctx.executor().execute(() -> {
      if (!ended) {
        ended = true;
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
            .addListener(f -> finished.trySuccess());
      }
    });
  }

  private void cancel() {
    if (!ended) {
      end();
    }
  }

  private void end() {
    ended = true;
    if (subscription != null) {
      subscription.cancel();
    }
    finished.trySuccess();
  }
}
