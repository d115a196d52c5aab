package io.rivulet.benchmarks.load;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Runs the load generator's phases in order and prints their results. Not thread-safe. */
public final class Runner {
  /** Everything the command line sets. */
  public record Config(URI endpoint, String stream, int shards, int connections, int batch,
      int recordSize, int partitionKeys, long warmupNanos, long durationNanos, int getLimit,
      long getTimeoutNanos, boolean get, DataPlane.Kind client, boolean cbor, long serverPid,
      boolean json, boolean fanout, int rate, int consumers) {}

  private final Config c;
  private final PrintStream out = System.out;

  public Runner(Config config) {
    this.c = config;
  }

  /** Returns the process exit code: 0, or 2 when GET did not read back everything PUT stored. */
  public int run() throws InterruptedException {
    System.setProperty("aws.cborEnabled", Boolean.toString(c.cbor()));
    long pid = c.serverPid() > 0 ? c.serverPid() : findServer();
    if (c.fanout()) {
      out.printf(Locale.ROOT, "endpoint %s, stream %s (%d shards), fan-out: %,d records/s of %d B,"
          + " %d consumer(s), %s, server pid %s%n", c.endpoint(), c.stream(), c.shards(), c.rate(),
          c.recordSize(), c.consumers(), c.cbor() ? "CBOR" : "JSON",
          pid > 0 ? Long.toString(pid) : "unknown");
      return runFanout(pid);
    }
    out.printf(Locale.ROOT, "endpoint %s, stream %s (%d shards), %s client, %d connections, "
            + "batch %d x %d B, %d partition keys, %s, server pid %s%n",
        c.endpoint(), c.stream(), c.shards(), c.client().name().toLowerCase(Locale.ROOT),
        c.connections(), c.batch(), c.recordSize(), c.partitionKeys(), c.cbor() ? "CBOR" : "JSON",
        pid > 0 ? Long.toString(pid) : "unknown");
    try (KinesisClient control = DataPlane.controlClient(c.endpoint());
        DataPlane data = DataPlane.create(c.client(), c.endpoint(), c.connections())) {
      createStream(control);
      PutPhase put = new PutPhase(data, new PutPhase.Settings(c.stream(), c.connections(), c.batch(),
          c.recordSize(), c.partitionKeys(), c.warmupNanos(), c.durationNanos(), pid));
      PhaseResult putResult = put.run();
      report(putResult);
      if (!c.get()) {
        return 0;
      }
      Map<String, Long> stored = put.acceptedPerShard();
      out.printf(Locale.ROOT, "stored per shard (warm-up included): %s%n", stored);
      PhaseResult getResult = new GetPhase(control, data,
          new GetPhase.Settings(c.stream(), c.getLimit(), c.getTimeoutNanos(), pid)).run(stored);
      report(getResult);
      return getResult.failedRecords() > 0 ? 2 : 0;
    }
  }

  /** The fan-out phase; exit code 2 when a put failed or a consumer missed a record. */
  private int runFanout(long pid) throws InterruptedException {
    try (KinesisClient control = DataPlane.controlClient(c.endpoint())) {
      createStream(control);
      FanoutPhase.Result r = new FanoutPhase(control, c.endpoint(), new FanoutPhase.Settings(
          c.stream(), c.rate(), c.consumers(), c.recordSize(), c.warmupNanos(),
          c.durationNanos(), pid)).run();
      r.print(out);
      if (c.json()) {
        out.println(r.json());
      }
      out.flush();
      return r.putErrors() > 0 || r.received() < r.expected() ? 2 : 0;
    }
  }

  private void report(PhaseResult r) {
    r.print(out);
    if (c.json()) {
      out.println(r.json());
    }
    out.flush();
  }

  private long findServer() {
    String host = c.endpoint().getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      return -1;
    }
    int port = c.endpoint().getPort() > 0 ? c.endpoint().getPort() : 80;
    OptionalLong pid = ProcCpu.pidListeningOn(port);
    return pid.orElse(-1);
  }

  private void createStream(KinesisClient control) throws InterruptedException {
    control.createStream(b -> b.streamName(c.stream()).shardCount(c.shards()));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (control.describeStreamSummary(b -> b.streamName(c.stream()))
        .streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("stream " + c.stream() + " did not become ACTIVE in 60 s");
      }
      Thread.sleep(50);
    }
  }
}
