package io.rivulet.server.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the long-lived responses (event streams) each client — each remote IP address — holds
 * open, against {@link HttpLimits#maxStreamsPerClient()}. A request that will become one ({@link
 * #isLongLived}) takes a {@link Slot} before its handler runs and gives it back when its response
 * ends or its channel closes, so a client that opens streams faster than it closes them is refused
 * before any work is done for it. Thread-safe.
 */
final class ClientStreams {
  /** The operations whose responses stay open: SubscribeToShard's event stream. */
  static final String SUBSCRIBE_TO_SHARD = "Kinesis_20131202.SubscribeToShard";

  private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
  private final int max;
  private final HttpStats stats;

  ClientStreams(int max, HttpStats stats) {
    this.max = max;
    this.stats = stats;
  }

  /** Whether {@code request} asks for a long-lived response. */
  static boolean isLongLived(HttpRequest request) {
    String target = request.headers().get("x-amz-target");
    return target != null && SUBSCRIBE_TO_SHARD.equals(target.trim());
  }

  /** The client's IP address: the connection's (an HTTP/2 stream's is its parent's). */
  static InetAddress clientOf(Channel channel) {
    Channel connection = channel instanceof Http2StreamChannel ? channel.parent() : channel;
    SocketAddress remote = connection.remoteAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }

  /** A slot for {@code client}, or null when it already holds the most it may. */
  Slot tryAcquire(InetAddress client) {
    if (client == null) {
      return new Slot(null);
    }
    boolean[] granted = new boolean[1];
    open.compute(
        client,
        (address, count) -> {
          int current = count == null ? 0 : count;
          granted[0] = current < max;
          return granted[0] ? current + 1 : count;
        });
    return granted[0] ? new Slot(client) : null;
  }

  /** The streams {@code client} holds now. */
  int openFor(InetAddress client) {
    return open.getOrDefault(client, 0);
  }

  int max() {
    return max;
  }

  /** One long-lived response's place; {@link #release()} is idempotent. */
  final class Slot {
    private final InetAddress client;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(InetAddress client) {
      this.client = client;
      stats.longLivedStreams.incrementAndGet();
    }

    void release() {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      stats.longLivedStreams.decrementAndGet();
      if (client != null) {
        open.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
      }
    }
  }
}
