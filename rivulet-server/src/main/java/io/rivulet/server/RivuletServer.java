package io.rivulet.server;

import io.rivulet.analytics.AnalyticsService;
import io.rivulet.analytics.engine.CodeSource;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.cloudwatch.CloudWatchService;
import io.rivulet.console.ConsoleHandler;
import io.rivulet.dynamodb.DynamoDbService;
import io.rivulet.firehose.FirehoseService;
import io.rivulet.firehose.StandardPlugins;
import io.rivulet.firehose.engine.FirehoseConfig;
import io.rivulet.firehose.s3.EmbeddedS3;
import io.rivulet.firehose.s3.S3Clients;
import io.rivulet.flink.connect.InProcessStreams;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsService;
import io.rivulet.log.FileLogManager;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.log.LogManager;
import io.rivulet.log.MemoryLogManager;
import io.rivulet.log.RecoveryReport;
import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.JsonRpcDispatcher;
import io.rivulet.protocol.ServiceDefinition;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.server.http.GeneratedCertificate;
import io.rivulet.server.http.HttpLimits;
import io.rivulet.server.http.HttpServerOptions;
import io.rivulet.server.http.RivuletHttpServer;
import io.rivulet.server.http.TlsListener;
import io.rivulet.server.metrics.Metrics;
import io.rivulet.streams.StreamsService;
import io.rivulet.streams.engine.CapacityConfig;
import io.rivulet.streams.engine.StreamsConfig;
import io.rivulet.video.VideoService;
import io.rivulet.video.control.VideoControlPlane;
import io.rivulet.video.images.JcodecFrameDecoder;
import io.rivulet.video.ml.RekognitionService;
import io.rivulet.video.ml.StreamProcessors;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.ingest.IngestConfig;
import io.rivulet.video.ingest.PutMedia;
import io.rivulet.video.store.FileFragmentStore;
import io.rivulet.video.store.FragmentStore;
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
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

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
   * How to run: bind address, HTTP port (-1: none, HTTPS only), data directory (null keeps
   * everything in memory), fsync policy, Data Streams settings, the clock every engine reads, the
   * HTTPS listener (null: none), the embedded S3 API server (null: none), the Firehose settings
   * (delays, endpoints destinations and processors reach), the HTTP endpoint's resource limits and
   * the directory stream processors load ONNX detector models from (null: {@code
   * <data-dir>/models}, or none when everything is in memory).
   */
  public record Options(String host, int port, Path dataDir, FsyncPolicy fsync,
      StreamsConfig streams, Clock clock, Tls tls, S3 s3, FirehoseConfig firehose,
      HttpLimits limits, Path detectorModels) {

    public Options {
      if (port < -1 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      limits = limits == null ? HttpLimits.defaults() : limits;
    }

    /** Without explicit limits ({@link HttpLimits#defaults()}) and the default models directory. */
    public Options(String host, int port, Path dataDir, FsyncPolicy fsync, StreamsConfig streams,
        Clock clock, Tls tls, S3 s3, FirehoseConfig firehose) {
      this(host, port, dataDir, fsync, streams, clock, tls, s3, firehose, HttpLimits.defaults(),
          null);
    }

    /**
     * An embedded S3 API server (s3proxy, filesystem backend) on {@code port} (0: any free port)
     * of the server's host, storing under {@code directory} (null: {@code <data-dir>/s3}, or a
     * temporary directory when the server keeps everything in memory). Anonymous: requests are
     * served whatever credentials they are signed with.
     */
    public record S3(int port, Path directory) {}

    /**
     * A second, HTTPS listener on {@code port} (0: any free port) with a PEM certificate chain and
     * PKCS#8 key, or with both null a self-signed certificate kept in {@code <data-dir>/tls/}; the
     * files are checked for changes every {@code reloadInterval} (zero: only on {@link
     * RivuletServer#reloadTls()}, i.e. SIGHUP) and a new good pair is served to new connections.
     */
    public record Tls(int port, Path certificate, Path privateKey, Duration reloadInterval) {
      public Tls {
        if ((certificate == null) != (privateKey == null)) {
          throw new IllegalArgumentException("a TLS certificate needs its key, and a key its certificate");
        }
        reloadInterval = reloadInterval == null ? TlsListener.DEFAULT_RELOAD_INTERVAL : reloadInterval;
        if (reloadInterval.isNegative()) {
          throw new IllegalArgumentException("negative TLS reload interval");
        }
      }

      /** Checked for changes every {@link TlsListener#DEFAULT_RELOAD_INTERVAL}. */
      public Tls(int port, Path certificate, Path privateKey) {
        this(port, certificate, privateKey, null);
      }
    }

    /**
     * 127.0.0.1:4567, ./data, group commit, no HTTPS and no embedded S3 server (so tests get none
     * unless they ask; {@code rivulet serve} turns the S3 server on at port 4568 itself).
     */
    public static Options defaults() {
      return new Options("127.0.0.1", 4567, Path.of("data"), FsyncPolicy.group(),
          StreamsConfig.defaults(), Clock.systemUTC(), null, null, FirehoseConfig.defaults());
    }

    /** For tests: a free port, the given directory, no CREATING/DELETING delays. */
    public static Options forTests(Path dataDir) {
      return defaults().withPort(0).withDataDir(dataDir).withDelays(Duration.ZERO, Duration.ZERO);
    }

    public Options withHost(String h) {
      return new Options(h, port, dataDir, fsync, streams, clock, tls, s3, firehose, limits,
          detectorModels);
    }

    /** The HTTP port; 0 picks a free one, -1 serves no cleartext HTTP (then {@link #tls} is needed). */
    public Options withPort(int p) {
      return new Options(host, p, dataDir, fsync, streams, clock, tls, s3, firehose, limits,
          detectorModels);
    }

    public Options withDataDir(Path d) {
      return new Options(host, port, d, fsync, streams, clock, tls, s3, firehose, limits,
          detectorModels);
    }

    public Options withFsync(FsyncPolicy f) {
      return new Options(host, port, dataDir, f, streams, clock, tls, s3, firehose, limits,
          detectorModels);
    }

    public Options withClock(Clock c) {
      return new Options(host, port, dataDir, fsync, streams, c, tls, s3, firehose, limits,
          detectorModels);
    }

    public Options withStreams(StreamsConfig s) {
      return new Options(host, port, dataDir, fsync, s, clock, tls, s3, firehose, limits,
          detectorModels);
    }

    /** HTTPS on {@code tls.port()} as well (null: cleartext only). */
    public Options withTls(Tls t) {
      return new Options(host, port, dataDir, fsync, streams, clock, t, s3, firehose, limits,
          detectorModels);
    }

    /** Also serve the S3 API ({@code --s3-port}, {@code --s3-dir}); null: none ({@code --no-s3}). */
    public Options withS3(S3 embedded) {
      return new Options(host, port, dataDir, fsync, streams, clock, tls, embedded, firehose, limits,
          detectorModels);
    }

    /** How long streams and delivery streams stay CREATING and DELETING (and UPDATING, ENABLING). */
    public Options withDelays(Duration create, Duration delete) {
      return withStreams(streams.withDelays(create, delete))
          .withFirehose(firehose.withDelays(create, delete));
    }

    public Options withFirehose(FirehoseConfig f) {
      return new Options(host, port, dataDir, fsync, streams, clock, tls, s3, f, limits,
          detectorModels);
    }

    /** Where stream processors' ONNX models are ({@code --detector-models}; null: the default). */
    public Options withDetectorModels(Path dir) {
      return new Options(host, port, dataDir, fsync, streams, clock, tls, s3, firehose, limits,
          dir);
    }

    /** The HTTP endpoint's resource limits (connections, sizes, streams, timeouts). */
    public Options withLimits(HttpLimits l) {
      return new Options(host, port, dataDir, fsync, streams, clock, tls, s3, firehose, l,
          detectorModels);
    }

    public Options withShardLimit(int limit) {
      return withStreams(streams.withShardLimit(limit));
    }

    /** Enforce AWS's per-shard and control-plane rates ({@code --throttling aws}). */
    public Options withThrottling(boolean on) {
      return withStreams(streams.withCapacity(streams.capacity().withThrottling(on)))
          .withFirehose(firehose.withThrottling(on));
    }

    public Options withCapacity(CapacityConfig capacity) {
      return withStreams(streams.withCapacity(capacity));
    }
  }

  private final Options options;
  private final AuthOptions auth;
  private final KmsOptions kmsOptions;
  private final FileChannel lockChannel;
  private final LogManager logs;
  private final LogManager firehoseLogs;
  private final KmsService kms;
  private final StreamsService streams;
  private final FirehoseService firehose;
  private final AnalyticsService analytics;
  private final S3Client analyticsS3; // reads S3ContentLocation code and S3 samples
  private final DynamoDbService dynamodb;
  private final CloudWatchService cloudwatch;
  private final VideoParts video;
  private final RekognitionService rekognition;
  private final HandlerPool handlers;
  private final Metrics metrics;
  private final RivuletHttpServer http;
  private final Path certificateFile; // null without TLS
  private final Path generatedTlsDir; // a temporary directory when in memory, else null
  private final EmbeddedS3 s3; // null without Options.s3
  private final Path temporaryS3Dir; // the S3 server's directory when in memory, else null
  private boolean closed; // guarded by this

  private RivuletServer(Options options, AuthOptions auth, KmsOptions kmsOptions,
      List<ApplicationRuntime> runtimes) throws IOException {
    if (options.port() < 0 && options.tls() == null) {
      throw new IllegalArgumentException("HTTPS only (--no-http) needs an HTTPS port (--tls-port)");
    }
    this.options = options;
    this.auth = auth;
    this.kmsOptions = kmsOptions;
    Path dir = options.dataDir();
    AccessControl access = auth.accessControl(dir, options.clock());
    KeyStore keys;
    if (dir != null) {
      Files.createDirectories(dir);
      this.lockChannel = lock(dir);
      keys = keyStoreOrUnlock(dir, options.clock(), kmsOptions, lockChannel);
      boolean fresh = !Files.exists(dir.resolve("streams"));
      boolean clean = Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN));
      log.info("data directory {} ({})", dir.toAbsolutePath(), fresh ? "new"
          : clean ? "clean shutdown last time" : "last shutdown was not clean: recovering");
      this.logs = new FileLogManager(dir.resolve("streams").resolve("logs"), options.fsync());
      this.firehoseLogs = new FileLogManager(dir.resolve("firehose").resolve("logs"), options.fsync());
    } else {
      this.lockChannel = null;
      keys = keyStore(null, options.clock(), kmsOptions);
      this.logs = new MemoryLogManager();
      this.firehoseLogs = new MemoryLogManager();
    }
    this.kms = new KmsService(keys);
    this.streams = new StreamsService(options.streams(), options.clock(), logs,
        dir == null ? null : dir.resolve("streams").resolve("meta"), kms.envelope());
    this.temporaryS3Dir = options.s3() != null && options.s3().directory() == null && dir == null
        ? Files.createTempDirectory("rivulet-s3-") : null;
    this.s3 = startS3(options, temporaryS3Dir);
    this.firehose = new FirehoseService(options.firehose(), options.clock(), firehoseLogs,
        dir == null ? null : dir.resolve("firehose").resolve("meta"),
        StandardPlugins.destinations(firehoseEndpoints(options, s3), glueCatalog(options)),
        StandardPlugins.sources(streams.api(),
            dir == null ? null : dir.resolve("firehose").resolve("sources"), options.clock()),
        kms.envelope());
    FirehoseConfig.Endpoints s3Endpoints = firehoseEndpoints(options, s3);
    this.analyticsS3 = S3Clients.create(s3Endpoints.s3(), "us-east-1", s3Endpoints.accessKeyId(),
        s3Endpoints.secretAccessKey());
    // Flink jobs on the embedded engine (the same JVM) reach the streams through this registry
    InProcessStreams.register(streams.api());
    this.analytics = new AnalyticsService(options.clock(),
        dir == null ? null : dir.resolve("analytics"), streams.api(), codeSource(analyticsS3),
        runtimes);
    this.dynamodb = new DynamoDbService(dir == null ? null : dir.resolve("dynamodb"), options.clock());
    this.cloudwatch = new CloudWatchService(options.clock(), access);
    reportRecovery(logs.recoveryReports());
    reportRecovery(firehoseLogs.recoveryReports());
    this.handlers = new HandlerPool(HANDLER_THREADS);
    this.video = new VideoParts(dir, options.fsync(), options.streams(), options.clock(), access,
        handlers.inline(), this::port, this::tlsPort);
    FragmentStore fragments = video.fragments();
    VideoControlPlane videoControl = video.control();
    this.rekognition = new RekognitionService(
        new StreamProcessors.Env(fragments, videoControl.streams(), streams.api(),
            new JcodecFrameDecoder(), detectorModels(options),
            dir == null ? null : dir.resolve("video").resolve("processors"), options.clock()));
    List<ServiceDefinition> services = new ArrayList<>(List.of(streams.definition(),
        firehose.definition(), analytics.definition(), dynamodb.definition(), kms.definition()));
    services.add(rekognition.definition());
    JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(services, handlers.inline(), access);
    ConsoleHandler console = new ConsoleHandler(streams.engine(), firehose.engine(),
        videoControl.streams(), fragments,
        List.of(streams.definition().targetPrefix(), firehose.definition().targetPrefix(),
            analytics.definition().targetPrefix(), dynamodb.definition().targetPrefix(),
            VideoControlPlane.CONSOLE_NAME), access);
    AwsHandler router = r -> console.accepts(r) ? console.handle(r)
        : cloudwatch.accepts(r) ? cloudwatch.handle(r)
        : video.service().accepts(r) ? video.service().handle(r) : dispatcher.handle(r);
    this.metrics = new Metrics(streams.engine(), firehose.engine());
    metrics.analytics(analytics.engine());
    metrics.video(videoControl.streams(), videoControl.stats());
    this.generatedTlsDir = options.tls() != null && options.tls().certificate() == null && dir == null
        ? Files.createTempDirectory("rivulet-tls-") : null;
    TlsListener tls = tlsListener(options.tls(), generatedTlsDir != null
        ? generatedTlsDir.resolve("tls") : dir == null ? null : dir.resolve("tls"), options.clock());
    this.certificateFile = tls == null ? null : tls.certificateFile();
    this.http = RivuletHttpServer.start(options.host(), options.port(), router,
        () -> metrics.scrape() + cloudwatch.prometheusText(),
        HttpServerOptions.builder().handlerExecutor(handlers).limits(options.limits())
            .streamingHandler(video.putMedia()).build(), tls);
    metrics.http(http.stats());
    analytics.consoleEndpoint(endpoint());
  }

  /** Reads objects for Analytics through the S3 endpoint Firehose delivers to. */
  private static CodeSource codeSource(S3Client s3) {
    return (bucket, key, version) -> {
      try {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(version))
            .asByteArray();
      } catch (software.amazon.awssdk.core.exception.SdkException e) {
        throw new java.util.NoSuchElementException(e.getMessage());
      }
    };
  }


  /** Where stream processors load ONNX models from: --detector-models, else {@code <data-dir>/models}. */
  private static Path detectorModels(Options options) {
    return options.detectorModels() != null ? options.detectorModels()
        : options.dataDir() == null ? null : options.dataDir().resolve("models");
  }



  /** The key store, or the data directory unlocked again and IllegalArgumentException. */
  private static KeyStore keyStoreOrUnlock(Path dir, Clock clock, KmsOptions kms,
      FileChannel lock) throws IOException {
    try {
      return keyStore(dir, clock, kms);
    } catch (RuntimeException e) {
      lock.close();
      throw e instanceof IllegalArgumentException ? e
          : new IllegalArgumentException("cannot open the key store: " + e.getMessage(), e);
    }
  }

  /** The local key store in {@code <data-dir>/kms} (in memory without a data directory). */
  private static KeyStore keyStore(Path dir, Clock clock, KmsOptions kms) {
    byte[] master = kms.masterKey();
    Path kmsDir = dir == null ? null : dir.resolve("kms");
    KeyStore store = KeyStore.open(kmsDir, clock, master, kms.keys());
    log.info("encryption at rest: key store {}, key material {}{}", kmsDir == null ? "in memory"
        : kmsDir.resolve("keys.json").toAbsolutePath(), master == null
        ? "not wrapped (give a master key with " + KmsOptions.ENV + " or --kms-master-key-file to"
            + " wrap it)" : "wrapped by the master key from " + kms.masterKeySource(),
        kms.keys().isEmpty() ? "" : "; created on first use: " + String.join(", ", kms.keys()));
    return store;
  }

  /** The configured certificate, else the one generated (on first start) into {@code tlsDir}. */
  private static TlsListener tlsListener(Options.Tls tls, Path tlsDir, Clock clock)
      throws IOException {
    if (tls == null) {
      return null;
    }
    if (tls.certificate() != null) {
      return TlsListener.fromPem(tls.port(), tls.certificate(), tls.privateKey(), clock)
          .reloadEvery(tls.reloadInterval());
    }
    boolean existed = GeneratedCertificate.exists(tlsDir);
    GeneratedCertificate generated = GeneratedCertificate.loadOrCreate(tlsDir);
    log.info("{} self-signed certificate for localhost and 127.0.0.1: {}",
        existed ? "using the" : "generated a", generated.certificateFile().toAbsolutePath());
    return TlsListener.fromPkcs12(tls.port(), generated.keyStore(), generated.password(),
        generated.certificateFile(), clock).reloadEvery(tls.reloadInterval());
  }

  /**
   * Reads the HTTPS certificate files again now (what SIGHUP does) and serves a good new pair to
   * new connections; a bad one is refused with an error in the log. False without HTTPS or when
   * refused.
   */
  public boolean reloadTls() {
    return http.tls() != null && http.tls().reload();
  }

  /**
   * Firehose's endpoints: S3 deliveries go to the configured S3 endpoint, else to the embedded S3
   * server when there is one, else to AWS.
   */
  private static FirehoseConfig.Endpoints firehoseEndpoints(Options options, EmbeddedS3 s3) {
    FirehoseConfig.Endpoints e = options.firehose().endpoints();
    return e.s3() == null && s3 != null ? e.withS3(s3.endpoint()) : e;
  }

  /** The local Glue catalog: as configured, else {@code <data-dir>/glue} (none in memory). */
  private static Path glueCatalog(Options options) {
    Path configured = options.firehose().glueCatalog();
    return configured != null ? configured
        : options.dataDir() == null ? null : options.dataDir().resolve("glue");
  }

  /** The embedded S3 server of {@code options}, or null when it has none. */
  private static EmbeddedS3 startS3(Options options, Path temporaryDir) {
    Options.S3 s3 = options.s3();
    if (s3 == null) {
      return null;
    }
    Path directory = s3.directory() != null ? s3.directory()
        : temporaryDir != null ? temporaryDir : options.dataDir().resolve("s3");
    return EmbeddedS3.start(options.host(), s3.port(), directory, null);
  }

  /** Starts a server without authentication; it accepts requests when this returns. */
  public static RivuletServer start(Options options) {
    return start(options, AuthOptions.off());
  }

  /** Starts a server with these authentication settings ({@code --auth}). */
  public static RivuletServer start(Options options, AuthOptions auth) {
    return start(options, auth, KmsOptions.none());
  }

  /** Starts a server with these authentication and key store settings. */
  public static RivuletServer start(Options options, AuthOptions auth, KmsOptions kms) {
    return start(options, auth, kms, List.of());
  }

  /**
   * Starts a server with these authentication and key store settings and these Analytics
   * runtimes (the first that supports an application's runtime environment runs it; the server
   * closes them).
   */
  public static RivuletServer start(Options options, AuthOptions auth, KmsOptions kms,
      List<ApplicationRuntime> runtimes) {
    try {
      RivuletServer server = new RivuletServer(options, auth, kms, runtimes);
      log.info("serving on {}", server.endpoint());
      if (server.tlsEndpoint() != null) {
        log.info("serving HTTPS on {} (certificate: {})", server.tlsEndpoint(),
            server.certificateFile().toAbsolutePath());
      }
      if (server.s3Endpoint() != null) {
        log.info("serving the S3 API on {} (objects under {}; e.g. aws --endpoint-url {} s3 ls)",
            server.s3Endpoint(), server.s3.directory().toAbsolutePath(), server.s3Endpoint());
      }
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

  public AuthOptions auth() {
    return auth;
  }

  public KmsOptions kmsOptions() {
    return kmsOptions;
  }

  /** The local key store and the KMS API subset that manages it. */
  public KmsService kms() {
    return kms;
  }

  /** The bound HTTP port, or -1 when serving HTTPS only. */
  public int port() {
    return http.port();
  }

  /** {@code http://host:port}, or when serving HTTPS only {@link #tlsEndpoint()}. */
  public URI endpoint() {
    return port() < 0 ? tlsEndpoint() : URI.create("http://" + options.host() + ":" + port());
  }

  /** The HTTP endpoint's counters (connections, limits, TLS reloads). */
  public io.rivulet.server.http.HttpStats httpStats() {
    return http.stats();
  }

  /** The bound HTTPS port, or -1 without {@link Options#tls()}. */
  public int tlsPort() {
    return http.tlsPort();
  }

  /** {@code https://host:tlsPort}, or null without {@link Options#tls()}. */
  public URI tlsEndpoint() {
    return http.tlsPort() < 0 ? null : URI.create("https://" + options.host() + ":" + tlsPort());
  }

  /** The certificate (PEM) the HTTPS listener presents, for clients to trust; null without TLS. */
  public Path certificateFile() {
    return certificateFile;
  }

  /** {@code http://host:port} of the embedded S3 API server, or null without {@link Options#s3()}. */
  public URI s3Endpoint() {
    return s3 == null ? null : s3.endpoint();
  }

  public StreamsService streams() {
    return streams;
  }

  public FirehoseService firehose() {
    return firehose;
  }

  public AnalyticsService analytics() {
    return analytics;
  }

  public DynamoDbService dynamodb() {
    return dynamodb;
  }

  public CloudWatchService cloudwatch() {
    return cloudwatch;
  }

  /** The Kinesis Video Streams control plane (its stream catalog and operations). */
  public VideoControlPlane videoControl() {
    return video.control();
  }

  /** The video router over every video endpoint. */
  public VideoService video() {
    return video.service();
  }

  /** The video fragment store. */
  public FragmentStore fragments() {
    return video.fragments();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("shutting down");
    http.close();
    if (generatedTlsDir != null) {
      deleteQuietly(generatedTlsDir);
    }
    if (s3 != null) {
      s3.close();
    }
    if (temporaryS3Dir != null) {
      deleteQuietly(temporaryS3Dir);
    }
    handlers.close();
    rekognition.close(); // before the stores its runners read and write
    analytics.close();
    InProcessStreams.unregister(streams.api());
    analyticsS3.close();
    firehose.close();
    streams.close();
    dynamodb.close();
    video.close();
    firehoseLogs.close();
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

  static void deleteQuietly(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("could not delete {}", dir, e);
    }
  }

  /** Flushes and stops the logging backend (for the end of a shutdown hook). */
  public static void flushLogs() {
    org.slf4j.ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof ch.qos.logback.classic.LoggerContext context) {
      context.stop();
    }
  }
}
