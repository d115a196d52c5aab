package io.rivulet.benchmarks.analytics;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.rivulet.analytics.flink.EngineSettings;
import io.rivulet.analytics.flink.FlinkEngine;
import io.rivulet.flink.connect.InProcessStreams;
import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.log.FileLogManager;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.streams.StreamsService;
import io.rivulet.streams.api.PutEntry;
import io.rivulet.streams.api.PutResult;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rivulet bench analytics}: Flink SQL fed from a Rivulet stream against the same SQL fed by
 * Flink's datagen source, on the same embedded Flink engine the server runs (a session MiniCluster
 * reached through its REST endpoint), in this JVM. N JSON events are first appended to an
 * in-process stream (file logs, no fsync; not timed). Then, per query, the job runs once over a
 * bounded datagen table (timed from the cluster's acceptance of the job until it is FINISHED) and
 * once over the stream with the {@code rivulet} connector from TRIM_HORIZON (timed from the
 * acceptance until its source has read all N events, counted by a {@link CountingStreams} wrapper;
 * then cancelled). Planning is not timed; before the timed runs each query runs untimed over both
 * sources with {@code --warmup-events} (the JIT compiles the generated code and the sources). Both
 * tables have the same columns, event time and watermark, and both jobs write into a blackhole.
 * See docs/benchmarks.md. Not thread-safe.
 */
@Command(name = "analytics", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Flink SQL throughput with the rivulet source vs Flink's datagen source.")
public final class AnalyticsBench implements Callable<Integer> {
  private static final String STREAM = "bench-bids";

  @Option(names = "--events", defaultValue = "3000000", description = "Events per run (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--queries", defaultValue = "count-distinct,q5,q7", split = ",",
      description = "Queries to run: count-distinct, q5, q7 (default: ${DEFAULT-VALUE}).")
  List<String> queries;

  @Option(names = "--parallelism", defaultValue = "1", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--shards", defaultValue = "2", description = "Shards of the stream (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--warmup-events", defaultValue = "300000",
      description = "Events of the untimed run per query and source before the timed ones; 0: none (default: ${DEFAULT-VALUE}).")
  long warmupEvents;

  @Option(names = "--timeout", defaultValue = "600", description = "Seconds one run may take (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  private PrintStream out = System.out;

  /** One query's two runs: events per second over datagen and over the stream. */
  public record Result(String query, long events, double datagenSeconds, double rivuletSeconds,
      long rivuletRead) {
    public double datagenRate() {
      return events / datagenSeconds;
    }

    public double rivuletRate() {
      return events / rivuletSeconds;
    }

    public double ratio() {
      return rivuletRate() / datagenRate();
    }
  }

  /** The benchmark with these settings, printing its progress to {@code out}. */
  public static AnalyticsBench of(long events, long warmupEvents, List<String> queries,
      int parallelism, int shards, PrintStream out) {
    AnalyticsBench b = new AnalyticsBench();
    b.events = events;
    b.queries = queries;
    b.parallelism = parallelism;
    b.shards = shards;
    b.timeoutSeconds = 600;
    b.warmupEvents = warmupEvents;
    b.out = out;
    return b;
  }

  @Override
  public Integer call() throws Exception {
    List<Result> results = run();
    out.println();
    out.printf(Locale.ROOT, "%-15s %10s %16s %16s %8s%n", "query", "events", "datagen ev/s",
        "rivulet ev/s", "ratio");
    for (Result r : results) {
      out.printf(Locale.ROOT, "%-15s %10d %16.0f %16.0f %8.2f%n", r.query(), r.events(),
          r.datagenRate(), r.rivuletRate(), r.ratio());
    }
    return 0;
  }

  /** Loads the stream, runs every query over both sources and returns the results. */
  public List<Result> run() throws Exception {
    List<BenchQueries.Query> selected = queries.stream().map(BenchQueries::named).toList();
    if (events < 1 || parallelism < 1 || shards < 1) {
      throw new IllegalArgumentException("--events, --parallelism and --shards must be positive");
    }
    Path dir = Files.createTempDirectory("rivulet-bench-analytics");
    FileLogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.never());
    StreamsConfig config = StreamsConfig.defaults().withDelays(Duration.ZERO, Duration.ZERO)
        .withUpdateDelay(Duration.ZERO);
    config = config.withCapacity(config.capacity().withThrottling(false));
    StreamsService service = new StreamsService(config, Clock.systemUTC(), logs, null);
    CountingStreams streams = new CountingStreams(service.api());
    InProcessStreams.register(streams);
    FlinkEngine engine = new FlinkEngine(EngineSettings.embedded(dir.resolve("flink"))
        .withTaskSlots(Math.max(2, parallelism)));
    try {
      StreamId stream = load(service, streams);
      engine.start();
      List<Result> results = new ArrayList<>();
      for (BenchQueries.Query q : selected) {
        if (warmupEvents > 0) {
          runDatagen(engine, q, Math.min(warmupEvents, events));
          streams.reset();
          runRivulet(engine, q, streams, Math.min(warmupEvents, events));
        }
        double datagen = runDatagen(engine, q, events);
        streams.reset();
        double rivulet = runRivulet(engine, q, streams, events);
        Result r = new Result(q.name(), events, datagen, rivulet, streams.recordsRead());
        out.printf(Locale.ROOT, "%s: datagen %.0f ev/s (%.2f s), rivulet %.0f ev/s (%.2f s),"
            + " ratio %.2f%n", q.name(), r.datagenRate(), datagen, r.rivuletRate(), rivulet,
            r.ratio());
        results.add(r);
      }
      return results;
    } finally {
      engine.close();
      InProcessStreams.unregister(streams);
      service.close();
      logs.close();
      deleteTree(dir);
    }
  }

  /** Creates the stream and appends the N events (several appends in flight); not timed. */
  private StreamId load(StreamsService service, StreamsApi api) {
    long begin = System.nanoTime();
    service.engine().create(new StreamKey(RivuletConnection.DEFAULT_ACCOUNT,
        RivuletConnection.DEFAULT_REGION, STREAM), shards, "PROVISIONED", Map.of());
    StreamId id = api.describe(RivuletConnection.DEFAULT_ACCOUNT,
        RivuletConnection.DEFAULT_REGION, STREAM).id();
    SplittableRandom random = new SplittableRandom(42);
    Deque<CompletableFuture<List<PutResult>>> inFlight = new ArrayDeque<>();
    for (long from = 0; from < events; from += StreamsApi.MAX_APPEND_RECORDS) {
      List<PutEntry> batch = new ArrayList<>(StreamsApi.MAX_APPEND_RECORDS);
      for (long i = from; i < Math.min(events, from + StreamsApi.MAX_APPEND_RECORDS); i++) {
        String json = BenchQueries.json(i, random.nextLong(BenchQueries.AUCTIONS),
            random.nextLong(BenchQueries.BIDDERS), 1 + random.nextLong(BenchQueries.MAX_PRICE));
        batch.add(new PutEntry(Long.toString(i), json.getBytes(UTF_8)));
      }
      inFlight.add(api.append(id, batch));
      if (inFlight.size() >= 8) {
        check(inFlight.poll().join());
      }
    }
    while (!inFlight.isEmpty()) {
      check(inFlight.poll().join());
    }
    out.printf(Locale.ROOT, "loaded %d events into %d shard(s) in %.1f s (not timed)%n", events,
        shards, (System.nanoTime() - begin) / 1e9);
    return id;
  }

  private static void check(List<PutResult> results) {
    if (results.stream().anyMatch(PutResult::failed)) {
      throw new IllegalStateException("an append failed while loading the stream");
    }
  }

  /** Seconds from submission until the bounded datagen job of {@code n} events is FINISHED. */
  private double runDatagen(FlinkEngine engine, BenchQueries.Query q, long n) throws Exception {
    TableEnvironment t = tables(engine, q.name() + "-datagen");
    t.executeSql(BenchQueries.datagenTable(n));
    t.executeSql(q.sinkDdl());
    JobClient job = t.executeSql(q.insert()).getJobClient().orElseThrow();
    long begin = System.nanoTime();
    long deadline = begin + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    JobStatus status = job.getJobStatus().get();
    while (!status.isGloballyTerminalState()) {
      if (System.nanoTime() > deadline) {
        job.cancel().get();
        throw new IllegalStateException(q.name() + " over datagen did not finish in "
            + timeoutSeconds + " s");
      }
      Thread.sleep(5);
      status = job.getJobStatus().get();
    }
    long end = System.nanoTime();
    if (status != JobStatus.FINISHED) {
      throw new IllegalStateException(q.name() + " over datagen ended " + status);
    }
    return (end - begin) / 1e9;
  }

  /** Seconds from submission until the rivulet source has read {@code n} events; then cancels. */
  private double runRivulet(FlinkEngine engine, BenchQueries.Query q, CountingStreams streams,
      long n) throws Exception {
    TableEnvironment t = tables(engine, q.name() + "-rivulet");
    t.executeSql(BenchQueries.rivuletTable(STREAM));
    t.executeSql(q.sinkDdl());
    JobClient job = t.executeSql(q.insert()).getJobClient().orElseThrow();
    long begin = System.nanoTime();
    long deadline = begin + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long checked = begin;
    try {
      while (streams.recordsRead() < n) {
        long now = System.nanoTime();
        if (now > deadline) {
          throw new IllegalStateException(q.name() + " over rivulet read " + streams.recordsRead()
              + " of " + n + " events in " + timeoutSeconds + " s");
        }
        if (now - checked > TimeUnit.SECONDS.toNanos(1)) {
          checked = now;
          JobStatus status = job.getJobStatus().get();
          if (status.isGloballyTerminalState()) {
            throw new IllegalStateException(q.name() + " over rivulet ended " + status);
          }
        }
        Thread.sleep(1);
      }
      return (System.nanoTime() - begin) / 1e9;
    } finally {
      job.cancel().get();
      while (!job.getJobStatus().get().isGloballyTerminalState()) {
        Thread.sleep(20);
      }
    }
  }

  /** A streaming table environment whose jobs go to the engine, with this run's settings. */
  private TableEnvironment tables(FlinkEngine engine, String jobName) throws Exception {
    Configuration c = engine.clientConfiguration();
    c.setString("pipeline.name", "bench-" + jobName);
    c.setString("parallelism.default", Integer.toString(parallelism));
    c.setString("table.local-time-zone", "UTC");
    return TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode()
        .withConfiguration(c).build());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
