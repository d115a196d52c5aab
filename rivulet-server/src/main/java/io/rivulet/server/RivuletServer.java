package io.rivulet.server;

import io.rivulet.cloudwatch.CloudWatchService;
import io.rivulet.console.ConsoleHandler;
import io.rivulet.dynamodb.DynamoDbService;
import io.rivulet.log.FileLogManager;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.log.LogManager;
import io.rivulet.log.MemoryLogManager;
import io.rivulet.log.RecoveryReport;
import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.JsonRpcDispatcher;
import io.rivulet.server.http.HttpServerOptions;
import io.rivulet.server.http.RivuletHttpServer;
import io.rivulet.server.metrics.Metrics;
import io.rivulet.streams.StreamsService;
import io.rivulet.streams.engine.CapacityConfig;
import io.rivulet.streams.engine.StreamsConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Rivulet server process: the services over their stores, behind one HTTP endpoint. Owns
 * everything it starts and stops it in {@link #close()} (HTTP first, so in-flight requests finish,
 * then the services, then the logs, then a clean-shutdown marker). Thread-safe.
 */
public final class RivuletServer implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(RivuletServer.class);
  static final String CLEAN_SHUTDOWN = "clean-shutdown";
  static final String LOCK = "rivulet.lock";
  /** Request threads: enough to keep 2 cores busy while some wait on disk reads. */
  static final int HANDLER_THREADS = 16;

  /**
   * How to run: bind address, data directory (null keeps everything in memory), fsync policy,
   * Data Streams settings and the clock every engine reads.
   */
  public record Options(String host, int port, Path dataDir, FsyncPolicy fsync,
      StreamsConfig streams, Clock clock) {

    /** The command line's defaults: 127.0.0.1:4567, ./data, group commit. */
    public static Options defaults() {
      return new Options("127.0.0.1", 4567, Path.of("data"), FsyncPolicy.group(),
          StreamsConfig.defaults(), Clock.systemUTC());
    }

    /** For tests: a free port, the given directory, no CREATING/DELETING delays. */
    public static Options forTests(Path dataDir) {
      return defaults().withPort(0).withDataDir(dataDir).withDelays(Duration.ZERO, Duration.ZERO);
    }

    public Options withHost(String h) {
      return new Options(h, port, dataDir, fsync, streams, clock);
    }

    public Options withPort(int p) {
      return new Options(host, p, dataDir, fsync, streams, clock);
    }

    public Options withDataDir(Path d) {
      return new Options(host, port, d, fsync, streams, clock);
    }

    public Options withFsync(FsyncPolicy f) {
      return new Options(host, port, dataDir, f, streams, clock);
    }

    public Options withClock(Clock c) {
      return new Options(host, port, dataDir, fsync, streams, c);
    }

    public Options withStreams(StreamsConfig s) {
      return new Options(host, port, dataDir, fsync, s, clock);
    }

    public Options withDelays(Duration create, Duration delete) {
      return withStreams(streams.withDelays(create, delete));
    }

    public Options withShardLimit(int limit) {
      return withStreams(streams.withShardLimit(limit));
    }

    /** Enforce AWS's per-shard and control-plane rates ({@code --throttling aws}). */
    public Options withThrottling(boolean on) {
      return withStreams(streams.withCapacity(streams.capacity().withThrottling(on)));
    }

    public Options withCapacity(CapacityConfig capacity) {
      return withStreams(streams.withCapacity(capacity));
    }
  }

  private final Options options;
  private final FileChannel lockChannel;
  private final LogManager logs;
  private final StreamsService streams;
  private final DynamoDbService dynamodb;
  private final CloudWatchService cloudwatch;
  private final HandlerPool handlers;
  private final Metrics metrics;
  private final RivuletHttpServer http;
  private boolean closed; // guarded by this

  private RivuletServer(Options options) throws IOException {
    this.options = options;
    Path dir = options.dataDir();
    if (dir != null) {
      Files.createDirectories(dir);
      this.lockChannel = lock(dir);
      boolean fresh = !Files.exists(dir.resolve("streams"));
      boolean clean = Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN));
      log.info("data directory {} ({})", dir.toAbsolutePath(), fresh ? "new"
          : clean ? "clean shutdown last time" : "last shutdown was not clean: recovering");
      this.logs = new FileLogManager(dir.resolve("streams").resolve("logs"), options.fsync());
    } else {
      this.lockChannel = null;
      this.logs = new MemoryLogManager();
    }
    this.streams = new StreamsService(options.streams(), options.clock(), logs,
        dir == null ? null : dir.resolve("streams").resolve("meta"));
    this.dynamodb = new DynamoDbService(dir == null ? null : dir.resolve("dynamodb"), options.clock());
    this.cloudwatch = new CloudWatchService(options.clock());
    reportRecovery(logs.recoveryReports());
    this.handlers = new HandlerPool(HANDLER_THREADS);
    JsonRpcDispatcher dispatcher =
        new JsonRpcDispatcher(List.of(streams.definition(), dynamodb.definition()), handlers.inline());
    ConsoleHandler console = new ConsoleHandler(streams.engine(),
        List.of(streams.definition().targetPrefix(), dynamodb.definition().targetPrefix()));
    AwsHandler router = r -> console.accepts(r) ? console.handle(r)
        : cloudwatch.accepts(r) ? cloudwatch.handle(r) : dispatcher.handle(r);
    this.metrics = new Metrics(streams.engine());
    this.http = RivuletHttpServer.start(options.host(), options.port(), router,
        () -> metrics.scrape() + cloudwatch.prometheusText(),
        HttpServerOptions.builder().handlerExecutor(handlers).build());
  }

  /** Starts a server; it accepts requests when this returns. */
  public static RivuletServer start(Options options) {
    try {
      RivuletServer server = new RivuletServer(options);
      log.info("serving on {}", server.endpoint());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileChannel lock(Path dir) throws IOException {
    FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        throw new IOException("data directory " + dir + " is in use by another Rivulet server");
      }
    } catch (OverlappingFileLockException e) {
      ch.close();
      throw new IOException("data directory " + dir + " is in use by this process", e);
    }
    return ch;
  }

  private static void reportRecovery(List<RecoveryReport> reports) {
    for (RecoveryReport r : reports) {
      if (r.lostData()) {
        log.warn("recovery of {} truncated {} byte(s) of unacknowledged tail: {}", r.logName(),
            r.truncatedBytes(), r.reason());
      }
    }
  }

  public Options options() {
    return options;
  }

  public int port() {
    return http.port();
  }

  public URI endpoint() {
    return URI.create("http://" + options.host() + ":" + port());
  }

  public StreamsService streams() {
    return streams;
  }

  public DynamoDbService dynamodb() {
    return dynamodb;
  }

  public CloudWatchService cloudwatch() {
    return cloudwatch;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("shutting down");
    http.close();
    handlers.close();
    streams.close();
    dynamodb.close();
    logs.close();
    if (options.dataDir() != null) {
      try {
        Files.writeString(options.dataDir().resolve(CLEAN_SHUTDOWN), "clean\n");
        lockChannel.close();
      } catch (IOException e) {
        log.warn("could not write the clean-shutdown marker", e);
      }
    }
    log.info("stopped");
  }

  /** Flushes and stops the logging backend (for the end of a shutdown hook). */
  public static void flushLogs() {
    org.slf4j.ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof ch.qos.logback.classic.LoggerContext context) {
      context.stop();
    }
  }
}
