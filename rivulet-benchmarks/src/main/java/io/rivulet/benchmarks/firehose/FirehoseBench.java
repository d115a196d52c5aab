package io.rivulet.benchmarks.firehose;

import io.rivulet.benchmarks.load.ProcCpu;
import io.rivulet.firehose.s3.S3Clients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code rivulet bench firehose}: PutRecordBatch ingest and delivery to S3, measured against the
 * issue's targets (delivery ≥ 0.9 × ingest MB/s, data freshness within the buffer interval + 1 s,
 * every acknowledged record in S3 once). Starts a server with the embedded S3 in a child JVM (or
 * targets {@code --endpoint}/{@code --s3-endpoint}), creates a bucket and a DirectPut delivery
 * stream to it, drives PutRecordBatch ({@link Producer}) while {@link Observer} samples
 * {@code /metrics}, waits until everything acknowledged is delivered, reads the bucket back
 * ({@link Verifier}) and prints a {@link Report}. See docs/benchmarks.md. Not
 * thread-safe.
 */
@Command(name = "firehose", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Drive PutRecordBatch into a delivery stream to S3 and measure ingest, delivery"
        + " and data freshness against the Firehose issue's targets.")
public final class FirehoseBench implements Callable<Integer> {
  static final double MB = 1024.0 * 1024.0;
  private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

  @Option(names = "--records-per-second", defaultValue = "0",
      description = "Open-loop rate; 0: closed loop, --connections calls in flight as fast as answered (default: ${DEFAULT-VALUE}).")
  int recordsPerSecond;

  @Option(names = "--record-size", defaultValue = "1024", description = "Bytes per record, >= 64 (default: ${DEFAULT-VALUE}).")
  int recordSize;

  @Option(names = "--batch", defaultValue = "500", description = "Records per PutRecordBatch, <= 500 and <= 4 MiB (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--connections", defaultValue = "8", description = "Concurrent PutRecordBatch calls at most (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--warmup", defaultValue = "10", description = "Seconds of unmeasured load first (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(names = "--duration", defaultValue = "60", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
  double durationSeconds;

  @Option(names = "--buffer-seconds", defaultValue = "60", description = "BufferingHints IntervalInSeconds, 0-900 (default: ${DEFAULT-VALUE}).")
  int bufferSeconds;

  @Option(names = "--buffer-mb", defaultValue = "5", description = "BufferingHints SizeInMBs, 1-128 (default: ${DEFAULT-VALUE}).")
  int bufferMb;

  @Option(names = "--compression", defaultValue = "GZIP", description = "CompressionFormat the bench can read back: GZIP, ZIP or UNCOMPRESSED (default: ${DEFAULT-VALUE}).")
  String compression;

  @Option(names = "--endpoint", description = "Target this server instead of starting one (needs --s3-endpoint).")
  URI endpoint;

  @Option(names = "--s3-endpoint", description = "The S3 API the targeted server delivers to.")
  URI s3Endpoint;

  @Option(names = "--server-pid", defaultValue = "0", description = "With --endpoint: the server process to measure CPU of; 0 looks for the process listening on its port.")
  long serverPid;

  @Option(names = "--server-jvm-opts", defaultValue = "-Xmx1g", description = "JVM options of the started server, space-separated (default: ${DEFAULT-VALUE}).")
  String serverJvmOptions;

  @Option(names = "--server-args", defaultValue = "", description = "More `serve` options for the started server, space-separated (e.g. \"--fsync never\").")
  String serverArgs;

  @Option(names = "--data-dir", description = "Data directory of the started server (default: a new temporary directory, deleted afterwards).")
  Path dataDir;

  @Option(names = "--keep", description = "Keep the started server's data directory (its log is server.log there).")
  boolean keep;

  @Option(names = "--sample-ms", defaultValue = "100", description = "How often to scrape /metrics (default: ${DEFAULT-VALUE}).")
  long sampleMillis;

  @Option(names = "--drain-timeout", defaultValue = "-1", description = "Seconds to wait for the last deliveries after the window (default: buffer seconds + 120).")
  double drainTimeoutSeconds;

  @Option(names = "--json", description = "Also print the result as one JSON line (starting with {\"phase\").")
  boolean json;

  @Override
  public Integer call() throws Exception {
    validate();
    boolean start = endpoint == null;
    Path dir = dataDir != null ? dataDir : start ? Files.createTempDirectory("rivulet-firehose-bench") : null;
    LocalServer server = null;
    try {
      if (start) {
        server = LocalServer.start(dir, split(serverJvmOptions), split(serverArgs));
        System.out.printf(Locale.ROOT, "started server pid %d on %s, S3 API %s (data %s)%n",
            server.pid(), server.endpoint(), server.s3Endpoint(), dir);
      }
      URI api = start ? server.endpoint() : endpoint;
      URI s3api = start ? server.s3Endpoint() : s3Endpoint;
      long pid = start ? server.pid() : serverPid > 0 ? serverPid
          : ProcCpu.pidListeningOn(api.getPort()).orElse(-1);
      Report report = run(api, s3api, pid);
      report.print(System.out);
      if (json) {
        System.out.println(report.json());
      }
      return report.passed() ? 0 : 2;
    } finally {
      if (server != null) {
        server.stop();
        System.out.printf(Locale.ROOT, "stopped server pid %d%n", server.pid());
      }
      if (start && !keep && dataDir == null) {
        deleteTree(dir);
      }
    }
  }

  private void validate() {
    compression = compression.toUpperCase(Locale.ROOT);
    if (!List.of("GZIP", "ZIP", "UNCOMPRESSED").contains(compression)) {
      throw new IllegalArgumentException("--compression must be GZIP, ZIP or UNCOMPRESSED");
    }
    if (batch < 1 || batch > 500 || (long) batch * recordSize > MAX_BATCH_BYTES) {
      throw new IllegalArgumentException("--batch must be 1-500 and batch x record size <= 4 MiB");
    }
    if (recordSize < BenchRecords.MIN_SIZE || recordSize > 1000 * 1024) {
      throw new IllegalArgumentException("--record-size must be " + BenchRecords.MIN_SIZE + "-1024000");
    }
    if ((endpoint == null) != (s3Endpoint == null)) {
      throw new IllegalArgumentException("--endpoint and --s3-endpoint go together");
    }
  }

  private Report run(URI api, URI s3api, long pid) throws Exception {
    String name = "firehose-bench-" + System.currentTimeMillis();
    try (FirehoseClient firehose = firehoseClient(api);
        S3Client s3 = S3Clients.create(s3api, "us-east-1", "rivuletbench", "rivuletbench")) {
      s3.createBucket(b -> b.bucket(name));
      createDeliveryStream(firehose, name);
      BenchRecords records = new BenchRecords(recordSize, 42);
      CompressionSpeed.Result speed = CompressionSpeed.measure(records, compression, 3);
      Producer producer = new Producer(firehose, records, new Producer.Settings(name,
          recordsPerSecond, batch, connections, nanos(warmupSeconds), nanos(durationSeconds)));
      try (Observer observer = new Observer(api, name, sampleMillis)) {
        observer.start();
        long t0 = System.nanoTime();
        CompletableFuture<Producer.Result> running = CompletableFuture.supplyAsync(() -> {
          try {
            return producer.run();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
        double[] cores = measureCpu(pid, t0);
        Producer.Result ingest = join(running);
        if (ingest.firstError() != null) {
          System.err.println("firehose: first PutRecordBatch error: " + ingest.firstError());
        }
        long drainedAt = awaitDelivered(observer.timeline(), ingest.ackedTotal());
        Thread.sleep(2 * sampleMillis);
        observer.stop();
        DeliveryTimeline.Sample last = observer.timeline().last();
        if (observer.firstError() != null) {
          System.err.println("firehose: " + observer.scrapeErrors() + " scrape errors, first: "
              + observer.firstError());
        }
        List<DeliveryTimeline.Sample> samples = observer.timeline().samples();
        long end = drainedAt > 0 ? drainedAt : System.currentTimeMillis();
        Verifier.Result bucket = new Verifier(s3, name, compression, recordSize)
            .verify(ingest.acked(), ingest.offsets(), samples, ingest.measureFromMillis(),
                ingest.measureUntilMillis());
        firehose.deleteDeliveryStream(b -> b.deliveryStreamName(name));
        return new Report(settings(), speed, ingest,
            DeliveryTimeline.deliveryRate(samples, ingest.measureFromMillis(), ingest.measureUntilMillis()),
            DeliveryTimeline.deliveryRate(samples, ingest.measureUntilMillis(), end),
            DeliveryTimeline.freshness(samples, ingest.measureFromMillis(), end), bucket,
            drainedAt > 0 ? (drainedAt - ingest.lastAckMillis()) / 1000.0 : Double.NaN,
            last == null ? ingest.ackedTotal() : Math.max(0, ingest.ackedTotal() - (long) last.deliveredRecords()),
            bufferSeconds, cores[0], cores[1]);
      }
    }
  }

  /** Server and own CPU (cores busy) over the measured window, read on this thread. */
  private double[] measureCpu(long pid, long t0) throws InterruptedException {
    Producer.sleepUntil(t0 + nanos(warmupSeconds));
    long server0 = pid > 0 ? ProcCpu.cpuNanos(pid) : -1;
    long self0 = ProcCpu.selfCpuNanos();
    long wall0 = System.nanoTime();
    Producer.sleepUntil(t0 + nanos(warmupSeconds) + nanos(durationSeconds));
    double wall = System.nanoTime() - wall0;
    return new double[] {pid > 0 ? (ProcCpu.cpuNanos(pid) - server0) / wall : Double.NaN,
        (ProcCpu.selfCpuNanos() - self0) / wall};
  }

  /** Waits until the server has delivered {@code acked} records; when that was, or -1. */
  private long awaitDelivered(DeliveryTimeline timeline, long acked) throws InterruptedException {
    double timeout = drainTimeoutSeconds >= 0 ? drainTimeoutSeconds : bufferSeconds + 120;
    long deadline = System.nanoTime() + nanos(timeout);
    while (System.nanoTime() < deadline) {
      long at = DeliveryTimeline.deliveredAt(timeline.samples(), acked);
      if (at > 0) {
        return at;
      }
      Thread.sleep(sampleMillis);
    }
    DeliveryTimeline.Sample last = timeline.last();
    System.err.printf(Locale.ROOT, "firehose: only %,.0f of %,d acknowledged records delivered"
        + " %.0f s after the window%n", last == null ? 0 : last.deliveredRecords(), acked, timeout);
    return -1;
  }

  private void createDeliveryStream(FirehoseClient firehose, String name) throws InterruptedException {
    firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
        .extendedS3DestinationConfiguration(d -> d.bucketARN("arn:aws:s3:::" + name)
            .roleARN("arn:aws:iam::000000000000:role/firehose-bench")
            .bufferingHints(h -> h.sizeInMBs(bufferMb).intervalInSeconds(bufferSeconds))
            .compressionFormat(CompressionFormat.fromValue(compression))));
    long deadline = System.nanoTime() + nanos(60);
    while (firehose.describeDeliveryStream(b -> b.deliveryStreamName(name))
        .deliveryStreamDescription().deliveryStreamStatus() != DeliveryStreamStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not become ACTIVE in 60 s");
      }
      Thread.sleep(50);
    }
  }

  private String settings() {
    return String.format(Locale.ROOT, "%s, buffer %d s / %d MiB, %d B records x %d per call, %s,"
            + " %d connections, %.0f s warm-up + %.0f s measured", compression, bufferSeconds,
        bufferMb, recordSize, batch, recordsPerSecond > 0
            ? String.format(Locale.ROOT, "open loop at %,d records/s (%.2f MB/s)", recordsPerSecond,
                recordsPerSecond * (double) recordSize / MB)
            : "closed loop", connections, warmupSeconds, durationSeconds);
  }

  private FirehoseClient firehoseClient(URI api) {
    return FirehoseClient.builder()
        .endpointOverride(api)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("rivuletbench", "rivuletbench")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry())
            .apiCallTimeout(Duration.ofSeconds(60)))
        .httpClient(Apache5HttpClient.builder().maxConnections(connections + 2)
            .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)).build())
        .build();
  }

  private static <T> T join(CompletableFuture<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }

  private static List<String> split(String options) {
    return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
