package io.rivulet.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.rivulet.protocol.AwsHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rivulet's HTTP endpoint: HTTP/1.1 (keep-alive, pipelining with in-order responses) and cleartext
 * HTTP/2 (prior knowledge and {@code Upgrade: h2c}) on one port, over Netty's NIO transport;
 * optionally HTTPS on a second port ({@link TlsListener}: HTTP/2 by ALPN {@code h2}, else
 * HTTP/1.1), served by the same threads and handlers.
 *
 * <p>{@code GET /health} and {@code GET /metrics} are answered here; every other request is
 * checked against the {@link HttpLimits} (connections, header size and count, slow-client
 * deadlines, event streams per client), aggregated (up to {@link
 * HttpLimits#maxRequestBodyBytes()}; beyond it 413), given a fresh
 * request id, and passed to the {@link AwsHandler} on the handler executor; its response is written
 * back when the future completes, with {@code Date}, {@code Content-Length} and {@code
 * x-amzn-RequestId}. A failed future becomes 500 {@code InternalFailure}. Malformed HTTP gets 400
 * and the connection is closed.
 *
 * <p>Lifecycle: {@link #start} binds and returns a running server; {@link #close()} stops
 * accepting, lets in-flight requests finish within the grace period (HTTP/2 connections get GOAWAY,
 * idle HTTP/1.1 connections are closed at once, busy ones after their last response), then closes
 * what is left and stops the threads.
 *
 * <p>Thread-safe: all public methods may be called from any thread; {@code close} is idempotent.
 */
public final class RivuletHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RivuletHttpServer.class);

  private final ServerContext context;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final ExecutorService ownedExecutor;
  private final Channel serverChannel; // null when serving HTTPS only
  private final InetSocketAddress address;
  private final Channel tlsChannel; // null without a TLS listener
  private final InetSocketAddress tlsAddress;
  private final TlsListener tls;
  private boolean closed; // guarded by this

  private RivuletHttpServer(
      ServerContext context,
      EventLoopGroup bossGroup,
      EventLoopGroup workerGroup,
      ExecutorService ownedExecutor,
      Channel serverChannel,
      Channel tlsChannel,
      TlsListener tls) {
    this.context = context;
    this.bossGroup = bossGroup;
    this.workerGroup = workerGroup;
    this.ownedExecutor = ownedExecutor;
    this.serverChannel = serverChannel;
    this.address =
        serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    this.tlsChannel = tlsChannel;
    this.tlsAddress = tlsChannel == null ? null : (InetSocketAddress) tlsChannel.localAddress();
    this.tls = tls;
  }

  /**
   * Binds {@code host:port} (port 0 picks a free port, see {@link #port()}) and starts serving.
   *
   * @param metrics called on the handler executor for every {@code GET /metrics}
   * @throws IOException if the address cannot be bound
   */
  public static RivuletHttpServer start(
      String host,
      int port,
      AwsHandler handler,
      Supplier<String> metrics,
      HttpServerOptions options)
      throws IOException {
    return start(host, port, handler, metrics, options, null);
  }

  /**
   * Like {@link #start(String, int, AwsHandler, Supplier, HttpServerOptions)}, and also serves
   * HTTPS on {@code host:tls.port()} (see {@link #tlsPort()}) when {@code tls} is not null; {@code
   * port} -1 serves HTTPS only (then {@code tls} is required). The certificate files are checked
   * for changes every {@link TlsListener#reloadInterval()}.
   *
   * @throws IOException if either address cannot be bound
   */
  public static RivuletHttpServer start(
      String host,
      int port,
      AwsHandler handler,
      Supplier<String> metrics,
      HttpServerOptions options,
      TlsListener tls)
      throws IOException {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(options, "options");
    if (port < 0 && tls == null) {
      throw new IllegalArgumentException("without the HTTP port (-1) an HTTPS listener is needed");
    }
    ExecutorService owned =
        options.handlerExecutor() == null
            ? Executors.newFixedThreadPool(
                options.handlerThreads(), new DefaultThreadFactory("rivulet-handler", true))
            : null;
    ChannelGroup connections =
        new DefaultChannelGroup("rivulet-http", GlobalEventExecutor.INSTANCE);
    ServerContext context =
        new ServerContext(
            handler,
            metrics,
            owned != null ? owned : options.handlerExecutor(),
            options,
            connections,
            new HttpStats(tls));
    EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("rivulet-accept"));
    EventLoopGroup workers =
        new NioEventLoopGroup(options.ioThreads(), new DefaultThreadFactory("rivulet-io"));
    ServerBootstrap bootstrap = bootstrap(boss, workers, context);
    ChannelFuture bound = port < 0 ? null : bootstrap.bind(host, port).awaitUninterruptibly();
    ChannelFuture tlsBound = null;
    if ((bound == null || bound.isSuccess()) && tls != null) {
      tlsBound =
          bootstrap
              .clone()
              .childHandler(new TlsInitializer(context, tls))
              .bind(host, tls.port())
              .awaitUninterruptibly();
    }
    ChannelFuture failed =
        bound != null && !bound.isSuccess()
            ? bound
            : tlsBound != null && !tlsBound.isSuccess() ? tlsBound : null;
    if (failed != null) {
      if (bound != null && bound.isSuccess()) {
        bound.channel().close().awaitUninterruptibly();
      }
      shutdownGroups(boss, workers);
      if (owned != null) {
        owned.shutdownNow();
      }
      int failedPort = failed == bound ? port : tls.port();
      throw new IOException("Cannot listen on " + host + ":" + failedPort, failed.cause());
    }
    RivuletHttpServer server =
        new RivuletHttpServer(
            context,
            boss,
            workers,
            owned,
            bound == null ? null : bound.channel(),
            tlsBound == null ? null : tlsBound.channel(),
            tls);
    server.announce();
    return server;
  }

  private static ServerBootstrap bootstrap(
      EventLoopGroup boss, EventLoopGroup workers, ServerContext context) {
    return new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .childHandler(new ServerInitializer(context));
  }

  /** Logs the listeners and starts the certificate files' periodic check. */
  private void announce() {
    if (address != null) {
      LOG.info("HTTP/1.1 and h2c listening on {}", address);
    }
    if (tlsAddress == null) {
      return;
    }
    LOG.info(
        "HTTPS (h2 by ALPN, HTTP/1.1) listening on {}{}",
        tlsAddress,
        address == null ? " (HTTPS only: no cleartext port)" : "");
    long every = tls.reloadInterval().toMillis();
    if (every > 0) {
      bossGroup
          .next()
          .scheduleWithFixedDelay(
              () -> {
                try {
                  tls.reloadIfChanged();
                } catch (RuntimeException e) {
                  LOG.error("Checking the TLS certificate files failed", e);
                }
              },
              every,
              every,
              TimeUnit.MILLISECONDS);
    }
  }

  /** Like {@link #start(String, int, AwsHandler, Supplier, HttpServerOptions)} with defaults. */
  public static RivuletHttpServer start(
      String host, int port, AwsHandler handler, Supplier<String> metrics) throws IOException {
    return start(host, port, handler, metrics, HttpServerOptions.defaults());
  }

  /** The bound port (the real one when started with port 0), or -1 when serving HTTPS only. */
  public int port() {
    return address == null ? -1 : address.getPort();
  }

  /** The bound cleartext address, or null when serving HTTPS only. */
  public InetSocketAddress address() {
    return address;
  }

  /** The bound HTTPS port, or -1 without a TLS listener. */
  public int tlsPort() {
    return tlsAddress == null ? -1 : tlsAddress.getPort();
  }

  /** The bound HTTPS address, or null without a TLS listener. */
  public InetSocketAddress tlsAddress() {
    return tlsAddress;
  }

  /** Open client connections. */
  public int openConnections() {
    return context.connections.size();
  }

  /** The counters of connections, limits and TLS, for {@code /metrics}. */
  public HttpStats stats() {
    return context.stats;
  }

  /** The HTTPS listener (its certificate, {@link TlsListener#reload()}), or null without one. */
  public TlsListener tls() {
    return tls;
  }

  /** Requests read whose responses are not yet written. */
  public int inFlightRequests() {
    return context.inFlight.get();
  }

  /** Responses written since start, of every kind (health, errors, handler responses). */
  public long responsesWritten() {
    return context.responsesWritten.sum();
  }

  /** Graceful shutdown with {@link HttpServerOptions#shutdownGrace()}. */
  @Override
  public void close() {
    close(context.options.shutdownGrace());
  }

  /**
   * Stops accepting, waits up to {@code grace} for in-flight requests and their connections, then
   * closes whatever is left and stops all threads the server owns. Idempotent; blocks the caller
   * (never call it from an event-loop or handler thread).
   */
  public synchronized void close(Duration grace) {
    if (closed) {
      return;
    }
    closed = true;
    context.draining = true;
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    if (tlsChannel != null) {
      tlsChannel.close().awaitUninterruptibly();
    }
    for (Channel connection : context.connections) {
      connection.pipeline().fireUserEventTriggered(ConnectionGuard.DRAIN);
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!context.connections.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!context.connections.isEmpty()) {
      LOG.warn(
          "Closing {} connections with {} requests still in flight after the grace period",
          context.connections.size(),
          context.inFlight.get());
      context.connections.close().awaitUninterruptibly();
    }
    shutdownGroups(bossGroup, workerGroup);
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      try {
        if (!ownedExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
          ownedExecutor.shutdownNow();
        }
      } catch (InterruptedException e) {
        ownedExecutor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    LOG.info("HTTP server on {} stopped", address != null ? address : tlsAddress);
  }

  private static void shutdownGroups(EventLoopGroup boss, EventLoopGroup workers) {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
