package io.rivulet.cli;

import io.rivulet.analytics.flink.EngineSettings;
import io.rivulet.analytics.flink.FlinkEngine;
import io.rivulet.analytics.flink.FlinkRuntimes;
import io.rivulet.analytics.flink.sql.SqlApplicationRuntime;
import io.rivulet.analytics.flink1.Flink1Cluster;
import io.rivulet.analytics.flink1.Flink1Runtime;
import io.rivulet.analytics.flink1.Flink1Settings;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.firehose.StandardPlugins;
import io.rivulet.firehose.engine.FirehoseConfig;
import io.rivulet.firehose.s3.EmbeddedS3;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.server.AuthOptions;
import io.rivulet.server.KmsOptions;
import io.rivulet.server.RivuletServer;
import io.rivulet.server.http.HttpLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code rivulet serve}: starts the server and runs until SIGTERM/SIGINT, then shuts down cleanly
 * (in-flight requests finish, logs are flushed, a clean-shutdown marker is written).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Start the Rivulet server (Kinesis Data Streams and Firehose APIs on one endpoint).")
final class ServeCommand implements Callable<Integer> {
  /** The embedded S3 API server's port unless --s3-port or --no-s3 says otherwise. */
  static final int DEFAULT_S3_PORT = 4568;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "4567", description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--tls-port", description = "Also serve HTTPS (HTTP/2 by ALPN h2, or HTTP/1.1) on this"
      + " port, 0 for any free port (default: cleartext only).")
  Integer tlsPort;

  @Option(names = "--tls-cert", description = "PEM certificate chain for HTTPS (default: a self-signed"
      + " certificate for localhost and 127.0.0.1, generated into <data-dir>/tls/).")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM PKCS#8 private key of --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-reload-interval", paramLabel = "SECONDS", defaultValue = "10",
      description = "How often the certificate and key files are checked for changes; a new good"
          + " pair is served to new connections without a restart (SIGHUP reloads at once). 0:"
          + " only on SIGHUP (default: ${DEFAULT-VALUE}).")
  long tlsReloadSeconds;

  @Option(names = "--no-http", description = "Serve HTTPS only (on --tls-port): no cleartext HTTP"
      + " port is opened and --port is ignored.")
  boolean noHttp;

  @Option(names = "--max-connections", paramLabel = "N",
      defaultValue = "" + HttpLimits.DEFAULT_MAX_CONNECTIONS, description = "Open client"
          + " connections allowed (both ports); one more is refused (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--max-body-bytes", paramLabel = "BYTES",
      defaultValue = "" + HttpLimits.DEFAULT_MAX_REQUEST_BODY_BYTES, description = "Largest request"
          + " body; a larger one gets 413 RequestEntityTooLargeException (default: ${DEFAULT-VALUE}).")
  int maxBodyBytes;

  @Option(names = "--max-header-bytes", paramLabel = "BYTES",
      defaultValue = "" + HttpLimits.DEFAULT_MAX_HEADER_BYTES, description = "Largest request"
          + " header block; a larger one gets 431 (default: ${DEFAULT-VALUE}).")
  int maxHeaderBytes;

  @Option(names = "--max-headers", paramLabel = "N",
      defaultValue = "" + HttpLimits.DEFAULT_MAX_HEADER_COUNT, description = "Most header fields"
          + " in one request; more get 431 (default: ${DEFAULT-VALUE}).")
  int maxHeaders;

  @Option(names = "--max-streams-per-client", paramLabel = "N",
      defaultValue = "" + HttpLimits.DEFAULT_MAX_STREAMS_PER_CLIENT, description = "Concurrent"
          + " SubscribeToShard event streams per client IP address; one more gets"
          + " LimitExceededException (default: ${DEFAULT-VALUE}).")
  int maxStreamsPerClient;

  @Option(names = "--max-http2-streams", paramLabel = "N",
      defaultValue = "" + HttpLimits.DEFAULT_MAX_HTTP2_STREAMS, description = "Concurrent HTTP/2"
          + " streams per connection (SETTINGS_MAX_CONCURRENT_STREAMS); one more is refused"
          + " (default: ${DEFAULT-VALUE}).")
  int maxHttp2Streams;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS",
      defaultValue = "" + HttpLimits.DEFAULT_IDLE_TIMEOUT_SECONDS, description = "Close a"
          + " connection with no traffic and no request in flight for this long; 0: never"
          + " (default: ${DEFAULT-VALUE}).")
  long idleTimeoutSeconds;

  @Option(names = "--header-timeout", paramLabel = "SECONDS",
      defaultValue = "" + HttpLimits.DEFAULT_HEADER_TIMEOUT_SECONDS, description = "A request's"
          + " headers must arrive within this long of its first byte (a connection's first"
          + " request: of the connection), else 408 and close; 0: no limit (default: ${DEFAULT-VALUE}).")
  long headerTimeoutSeconds;

  @Option(names = "--body-timeout", paramLabel = "SECONDS",
      defaultValue = "" + HttpLimits.DEFAULT_BODY_TIMEOUT_SECONDS, description = "A request's"
          + " body must arrive within this long of its headers, plus 1 s per 64 KiB received,"
          + " else 408 and close; 0: no limit (default: ${DEFAULT-VALUE}).")
  long bodyTimeoutSeconds;

  @Option(names = "--s3-port", paramLabel = "PORT", description = "Port of the embedded S3 API"
      + " server (S3-compatible; Firehose delivers there unless --s3-endpoint says otherwise; aws"
      + " --endpoint-url http://<host>:<port> s3 ls), 0 for any free port (default: "
      + DEFAULT_S3_PORT + ").")
  Integer s3Port;

  @Option(names = "--s3-dir", description = "Where the embedded S3 server keeps buckets and objects"
      + " (default: <data-dir>/s3).")
  Path s3Dir;

  @Option(names = "--no-s3", description = "Do not start the embedded S3 API server (Firehose then"
      + " delivers to --s3-endpoint, else to AWS's S3).")
  boolean noS3;

  @Option(names = "--data-dir", defaultValue = "./data", description = "Where streams are stored (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--fsync", defaultValue = "group", converter = FsyncConverter.class,
      description = "When writes are acknowledged: group (fsync before ack, shared by concurrent writers),"
          + " interval:<ms>, or never (default: ${DEFAULT-VALUE}).")
  FsyncPolicy fsync;

  @Option(names = "--create-delay-ms", defaultValue = "500", description = "How long new streams stay CREATING (default: ${DEFAULT-VALUE}).")
  long createDelayMs;

  @Option(names = "--delete-delay-ms", defaultValue = "500", description = "How long deleted streams stay DELETING (default: ${DEFAULT-VALUE}).")
  long deleteDelayMs;

  @Option(names = "--shard-limit", defaultValue = "500", description = "Open shards allowed per account and region (default: ${DEFAULT-VALUE}).")
  int shardLimit;

  @Option(names = "--throttling", defaultValue = "off",
      description = "aws: enforce Kinesis's per-shard write/read rates and control-plane call rates"
          + " (to test back-off logic); off (default: ${DEFAULT-VALUE}).")
  String throttling;

  @Option(names = "--s3-endpoint", description = "The S3 API endpoint Firehose delivers to (S3"
      + " destinations, Redshift staging, error output and backups), e.g. http://127.0.0.1:9000"
      + " (default: the embedded S3 server; with --no-s3, AWS's S3 of the delivery stream's"
      + " region).")
  URI s3Endpoint;

  @Option(names = "--detector-models", paramLabel = "DIR", description = "Where video stream"
      + " processors load ONNX detector models from (tag rivulet:detector=onnx:<file>; default:"
      + " <data-dir>/models).")
  Path detectorModels;

  @Option(names = "--glue-catalog", description = "The local Glue Data Catalog Firehose's record"
      + " format conversion reads table schemas from: <dir>/<DatabaseName>/<TableName>.json"
      + " (default: <data-dir>/glue).")
  Path glueCatalog;

  @Option(names = "--lambda-endpoint", paramLabel = "[FUNCTION=]URL[,...]",
      description = "The Lambda Invoke API endpoint(s) Firehose processors call (POST"
          + " /2015-03-31/functions/<name>/invocations), e.g. AWS's Lambda runtime interface"
          + " emulator's URL; FUNCTION= gives one function its own (default: none; Lambda"
          + " processors then fail their records).")
  String lambdaEndpoint;

  @Option(names = "--firehose-endpoint-map", split = ",", paramLabel = "FROM=TO",
      description = "Endpoints in Firehose destination configurations to reach elsewhere:"
          + " a URL, its https://host[:port] origin or an OpenSearch DomainARN, mapped to a URL,"
          + " e.g. https://search-logs.example.com=http://127.0.0.1:9200 (repeatable, comma-separated).")
  java.util.List<String> endpointMap;

  @Option(names = "--destination-access-key", description = "Access key the S3 and Lambda clients"
      + " of Firehose sign with (default: $AWS_ACCESS_KEY_ID, else 'rivulet').")
  String destinationAccessKey;

  @Option(names = "--destination-secret-key", description = "Secret key of --destination-access-key"
      + " (default: $AWS_SECRET_ACCESS_KEY, else 'rivulet').")
  String destinationSecretKey;

  @Option(names = "--auth", description = "Verify the AWS Signature Version 4 of every request and"
      + " authorise it with IAM-style policies; credentials from <data-dir>/credentials.json (or"
      + " --credentials) and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or RIVULET_CREDENTIALS"
      + " (default: off, every request accepted unchecked).")
  boolean auth;

  @Option(names = "--credentials", description = "The credentials file of --auth (default:"
      + " <data-dir>/credentials.json; format in docs/SECURITY.md).")
  Path credentials;

  @Option(names = "--kms-master-key-file", description = "A file holding the 32-byte master key"
      + " (raw, or base64) that wraps the key material of <data-dir>/kms/keys.json; or set"
      + " RIVULET_KMS_MASTER_KEY (base64). Default: none, the material is protected by the file's"
      + " permissions (0600) only.")
  Path kmsMasterKeyFile;

  @Option(names = "--kms-key", split = ",", description = "A KMS key id, key ARN, alias or alias"
      + " ARN to create in the key store on first use (StartStreamEncryption, Firehose's"
      + " CUSTOMER_MANAGED_CMK), so configurations naming it work (repeatable, comma-separated).")
  java.util.List<String> kmsKeys;

  @Option(names = "--flink-cluster", paramLabel = "HOST:PORT", description = "Run Analytics"
      + " applications on this remote Apache Flink 2.x cluster (its REST endpoint, e.g."
      + " flink-jm:8081) instead of the embedded one (default: an embedded session cluster,"
      + " started when the first application starts).")
  String flinkCluster;

  @Option(names = "--flink-cluster-jar", split = ",", paramLabel = "JAR",
      description = "A jar every job submitted to --flink-cluster carries, e.g. the Rivulet"
          + " connector's jar for Flink SQL applications (repeatable, comma-separated).")
  java.util.List<Path> flinkClusterJars;

  @Option(names = "--flink-slots", paramLabel = "N", defaultValue = "" + EngineSettings.DEFAULT_TASK_SLOTS,
      description = "Task slots of the embedded Flink cluster: how many parallel tasks all running"
          + " applications may have together (default: ${DEFAULT-VALUE}).")
  int flinkSlots;

  @Option(names = "--flink1-cluster", paramLabel = "HOST:PORT", description = "Run FLINK-1_18,"
      + " FLINK-1_19 and FLINK-1_20 applications on this remote Apache Flink 1.x cluster (its REST"
      + " endpoint) instead of a Flink 1.20 session cluster in a child JVM (default: the child,"
      + " started when the first such application starts).")
  String flink1Cluster;

  @Option(names = "--flink1-home", paramLabel = "DIR", description = "Where the FLINK-1_x child"
      + " session cluster's jars are: rivulet-flink1-session's build output (its jar and lib/;"
      + " default: rivulet-flink1-session/target of the source tree this server was built in).")
  Path flink1Home;

  @Option(names = "--log-level", defaultValue = "INFO", description = "TRACE, DEBUG, INFO, WARN or ERROR (default: ${DEFAULT-VALUE}).")
  String logLevel;

  @Override
  public Integer call() throws InterruptedException {
    System.setProperty("rivulet.log.level", logLevel.toUpperCase(java.util.Locale.ROOT));
    RivuletServer.Options options = RivuletServer.Options.defaults()
        .withHost(host)
        .withPort(port)
        .withDataDir(dataDir)
        .withFsync(fsync)
        .withShardLimit(shardLimit)
        .withThrottling(throttlingOn())
        .withDelays(Duration.ofMillis(createDelayMs), Duration.ofMillis(deleteDelayMs))
        .withTls(tls())
        .withS3(s3())
        .withLimits(limits())
        .withDetectorModels(detectorModels);
    if (noHttp) {
      if (options.tls() == null) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "--no-http needs --tls-port (HTTPS only)");
      }
      options = options.withPort(-1);
    }
    options = options.withFirehose(options.firehose().withEndpoints(endpoints())
        .withGlueCatalog(glueCatalog));
    // the hook is in place before the server says it is ready, so a SIGTERM right after the
    // "listening" line always shuts down cleanly
    AtomicReference<RivuletServer> running = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      RivuletServer server = running.get();
      if (server != null) {
        server.close();
      }
      stopped.countDown();
      RivuletServer.flushLogs();
    }, "rivulet-shutdown"));
    RivuletServer server;
    List<ApplicationRuntime> runtimes = analyticsRuntimes(() -> sqlSettings(running));
    try {
      server = RivuletServer.start(options, authOptions(),
          new KmsOptions(kmsMasterKeyFile, System.getenv(), kmsKeys), runtimes);
    } catch (IllegalArgumentException e) {
      runtimes.forEach(ApplicationRuntime::close);
      System.err.println("error: " + e.getMessage());
      return 2;
    } catch (EmbeddedS3.StartFailure e) {
      runtimes.forEach(ApplicationRuntime::close);
      System.err.println("error: " + e.getMessage() + " (--s3-port <port> picks another port,"
          + " --no-s3 turns the S3 server off)");
      return 2;
    }
    running.set(server);
    if (server.tlsEndpoint() != null) {
      Sighup.onSignal(server::reloadTls);
    }
    LoggerFactory.getLogger(ServeCommand.class).info("Rivulet listening on {} (data: {}, fsync: {},"
        + " throttling: {}{})", server.endpoint(), options.dataDir(), options.fsync(),
        throttlingOn() ? "aws" : "off",
        server.s3Endpoint() == null ? "" : ", S3 API: " + server.s3Endpoint());
    stopped.await();
    return 0;
  }

  /**
   * The Analytics runtimes, on one Flink engine: the embedded session cluster (nothing starts
   * until the first application does) or the --flink-cluster one; SQL-1_0 applications get their
   * settings (the running server's endpoints) from {@code sql} when they start; and FLINK-1_x
   * applications on a Flink 1.20 child JVM or the --flink1-cluster one.
   */
  List<ApplicationRuntime> analyticsRuntimes(Supplier<SqlApplicationRuntime.Settings> sql) {
    picocli.CommandLine command = new picocli.CommandLine(this);
    if (flinkSlots < 1) {
      throw new picocli.CommandLine.ParameterException(command,
          "--flink-slots must be at least 1, not " + flinkSlots);
    }
    if (flinkCluster == null && flinkClusterJars != null) {
      throw new picocli.CommandLine.ParameterException(command,
          "--flink-cluster-jar needs --flink-cluster");
    }
    List<ApplicationRuntime> runtimes = new java.util.ArrayList<>();
    try {
      runtimes.addAll(FlinkRuntimes.create(new FlinkEngine(
          FlinkRuntimes.serverSettings(dataDir, flinkCluster, flinkClusterJars, flinkSlots)), sql));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(command, "--flink-cluster: " + e.getMessage());
    }
    try {
      runtimes.add(new Flink1Runtime(new Flink1Cluster(
          Flink1Settings.forServer(dataDir, flink1Home, flink1Cluster, flinkSlots))));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(command, "--flink1-cluster: " + e.getMessage());
    }
    return List.copyOf(runtimes);
  }

  /**
   * Where SQL-1_0 jobs reach the server: its streams in-process (over its endpoint when they run
   * on --flink-cluster), Firehose at its endpoint, reference data at --s3-endpoint or the embedded
   * S3 server. Asked when an application starts, which may be while the server is still starting
   * (resuming applications), so this waits for it a while.
   */
  private SqlApplicationRuntime.Settings sqlSettings(AtomicReference<RivuletServer> running) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    RivuletServer server = running.get();
    while (server == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the server did not finish starting");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the server was starting", e);
      }
      server = running.get();
    }
    String endpoint = server.endpoint().toString();
    URI s3 = s3Endpoint != null ? s3Endpoint : server.s3Endpoint();
    return new SqlApplicationRuntime.Settings(flinkCluster == null ? null : endpoint, endpoint,
        s3 == null ? null : s3.toString(), Duration.ofSeconds(1));
  }

  private RivuletServer.Options.Tls tls() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--tls-cert and --tls-key go together");
    }
    if (tlsPort == null) {
      if (tlsCert != null) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this), "--tls-cert needs --tls-port");
      }
      return null;
    }
    if (tlsReloadSeconds < 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--tls-reload-interval must not be negative");
    }
    return new RivuletServer.Options.Tls(tlsPort, tlsCert, tlsKey,
        Duration.ofSeconds(tlsReloadSeconds));
  }

  /** The HTTP endpoint's resource limits from the --max-* and --*-timeout options. */
  private HttpLimits limits() {
    try {
      return new HttpLimits(maxConnections, maxBodyBytes, maxHeaderBytes, maxHeaders,
          maxStreamsPerClient, maxHttp2Streams, Duration.ofSeconds(idleTimeoutSeconds),
          Duration.ofSeconds(headerTimeoutSeconds), Duration.ofSeconds(bodyTimeoutSeconds));
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      String[][] names = {{"maxConnections", "--max-connections"},
          {"maxRequestBodyBytes", "--max-body-bytes"}, {"maxHeaderBytes", "--max-header-bytes"},
          {"maxHeaderCount", "--max-headers"}, {"maxStreamsPerClient", "--max-streams-per-client"},
          {"maxHttp2Streams", "--max-http2-streams"}, {"timeouts", "--*-timeout"}};
      for (String[] name : names) {
        message = message.replace(name[0], name[1]);
      }
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), message);
    }
  }

  /** Where Firehose's destinations and processors reach S3, Lambda and mapped endpoints. */
  private FirehoseConfig.Endpoints endpoints() {
    String accessKey = destinationAccessKey != null ? destinationAccessKey
        : System.getenv().getOrDefault("AWS_ACCESS_KEY_ID", "rivulet");
    String secretKey = destinationSecretKey != null ? destinationSecretKey
        : System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", "rivulet");
    try {
      return FirehoseConfig.Endpoints.none().withS3(s3Endpoint).withLambda(lambdaEndpoint)
          .withCredentials(accessKey, secretKey)
          .withEndpointMap(StandardPlugins.parseEndpointMap(
              endpointMap == null ? null : String.join(",", endpointMap)));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--firehose-endpoint-map: " + e.getMessage());
    }
  }

  private AuthOptions authOptions() {
    if (credentials != null && !auth) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--credentials needs --auth");
    }
    return auth ? AuthOptions.on(credentials, System.getenv()) : AuthOptions.off();
  }

  /** The embedded S3 API server: on by default, off with --no-s3. */
  RivuletServer.Options.S3 s3() {
    if (noS3) {
      if (s3Port != null || s3Dir != null) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "--no-s3 cannot go with --s3-port or --s3-dir");
      }
      return null;
    }
    int port = s3Port == null ? DEFAULT_S3_PORT : s3Port;
    if (port < 0 || port > 65_535) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--s3-port must be a port (0 for any free one), not " + port
              + "; --no-s3 turns the S3 server off");
    }
    return new RivuletServer.Options.S3(port, s3Dir);
  }

  private boolean throttlingOn() {
    return switch (throttling) {
      case "aws" -> true;
      case "off" -> false;
      default -> throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--throttling must be aws or off, not " + throttling);
    };
  }

  /** Parses {@code group}, {@code interval:<ms>} or {@code never}. */
  static final class FsyncConverter implements ITypeConverter<FsyncPolicy> {
    @Override
    public FsyncPolicy convert(String value) {
      return FsyncPolicy.parse(value);
    }
  }
}
