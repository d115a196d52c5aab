package io.rivulet.benchmarks;

import io.rivulet.benchmarks.load.Runner;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load generator for a Kinesis endpoint: creates a stream, runs a PUT phase (concurrent writers
 * sending PutRecords batches for a fixed time after a warm-up), then a GET phase (one reader per
 * shard draining from TRIM_HORIZON with GetRecords until every stored record is read), and prints
 * per phase records/s, payload MB/s, call latency percentiles (HdrHistogram) and the server's CPU
 * time per record read from {@code /proc/<pid>/stat}. With {@code --mode fanout} it measures put →
 * push latency over SubscribeToShard instead (see {@code FanoutPhase}). Its subcommand
 * {@code firehose} benchmarks Firehose instead ({@code FirehoseBench}), {@code hls} the live HLS
 * playlist latency of Video ({@code HlsLatencyBench}), {@code putmedia} Video's PutMedia
 * ingest MB/s ({@code PutMediaIngestBench}), {@code analytics} Flink SQL
 * fed from a stream against Flink's datagen ({@code AnalyticsBench}). See docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    subcommands = {io.rivulet.benchmarks.firehose.FirehoseBench.class,
        io.rivulet.benchmarks.video.HlsLatencyBench.class,
        io.rivulet.benchmarks.video.PutMediaIngestBench.class,
        io.rivulet.benchmarks.analytics.AnalyticsBench.class},
    description = "Drive PutRecords and GetRecords against a Kinesis endpoint and report throughput, latency and server CPU per record.")
public final class LoadGenerator implements Callable<Integer> {
  @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:4567", description = "Kinesis endpoint (default: ${DEFAULT-VALUE}).")
  URI endpoint;

  @Option(names = "--stream", description = "Stream to create (default: bench-<epoch millis>).")
  String stream;

  @Option(names = "--shards", defaultValue = "4", description = "Shards of the new stream (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--connections", defaultValue = "8", description = "Concurrent writers, one call in flight each (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--batch", defaultValue = "500", description = "Records per PutRecords call (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--record-size", defaultValue = "100", description = "Payload bytes per record (default: ${DEFAULT-VALUE}).")
  int recordSize;

  @Option(names = "--partition-keys", defaultValue = "10000", description = "Distinct random partition keys (default: ${DEFAULT-VALUE}).")
  int partitionKeys;

  @Option(names = "--warmup", defaultValue = "5", description = "Seconds of unmeasured PutRecords first (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(names = "--duration", defaultValue = "20", description = "Measured seconds of the PUT phase (default: ${DEFAULT-VALUE}).")
  double durationSeconds;

  @Option(names = "--get-limit", defaultValue = "10000", description = "GetRecords Limit (default: ${DEFAULT-VALUE}).")
  int getLimit;

  @Option(names = "--get-timeout", defaultValue = "300", description = "Give up the GET phase after this many seconds (default: ${DEFAULT-VALUE}).")
  double getTimeoutSeconds;

  @Option(names = "--no-get", description = "Skip the GET phase.")
  boolean noGet;

  @Option(names = "--client", defaultValue = "sync",
      description = "sync: KinesisClient over Apache HttpClient 5, HTTP/1.1, one connection per writer; "
          + "async: KinesisAsyncClient over Netty, HTTP/2 (h2c) multiplexed (default: ${DEFAULT-VALUE}).")
  String client;

  @Option(names = "--cbor", defaultValue = "true", arity = "1", description = "Let the SDK send CBOR, its default for Kinesis (default: ${DEFAULT-VALUE}).")
  boolean cbor;

  @Option(names = "--server-pid", defaultValue = "0",
      description = "Server process whose CPU time to measure; 0 looks for the process listening on the endpoint's port (default: ${DEFAULT-VALUE}).")
  long serverPid;

  @Option(names = "--mode", defaultValue = "put-get",
      description = "put-get: the PUT then GET phases; fanout: put -> push latency over SubscribeToShard"
          + " at --rate with --consumers (default: ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--rate", defaultValue = "1000", description = "fanout: records/s the producer sends (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--consumers", defaultValue = "1", description = "fanout: enhanced fan-out consumers, each subscribed to every shard (default: ${DEFAULT-VALUE}).")
  int consumers;

  @Option(names = "--json", description = "Also print one JSON line per phase (starting with {\"phase\").")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Runner.Config config = new Runner.Config(endpoint,
        stream != null ? stream : "bench-" + System.currentTimeMillis(), shards, connections, batch,
        recordSize, partitionKeys, seconds(warmupSeconds), seconds(durationSeconds), getLimit,
        seconds(getTimeoutSeconds), !noGet, parseClient(client), cbor, serverPid, json,
        parseMode(mode), rate, consumers);
    return new Runner(config).run();
  }

  private static boolean parseMode(String value) {
    return switch (value) {
      case "put-get" -> false;
      case "fanout" -> true;
      default -> throw new IllegalArgumentException("--mode must be put-get or fanout, not " + value);
    };
  }

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }

  private static io.rivulet.benchmarks.load.DataPlane.Kind parseClient(String value) {
    return io.rivulet.benchmarks.load.DataPlane.Kind.valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }
}
