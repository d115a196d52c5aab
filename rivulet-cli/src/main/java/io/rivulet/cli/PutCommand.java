package io.rivulet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * {@code rivulet put STREAM}: one record per line of stdin (or {@code --file}), sent with
 * PutRecords in batches of up to 500; records the stream throttles are retried with back-off.
 * Progress (records, records/s) goes to stderr; exit 1 if any record could not be put.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = "Put records, one per line, from stdin or a file.")
final class PutCommand implements Callable<Integer> {
  static final int BATCH = 500;
  static final long BATCH_BYTES = 4L * 1024 * 1024;
  static final int ATTEMPTS = 8;

  @Mixin ClientOptions client;
  @Parameters(paramLabel = "STREAM") String stream;
  @Option(names = "--file", description = "Read lines from this file instead of stdin.") Path file;
  @Option(names = "--partition-key", description = "One partition key for every record (default: the line number, spreading records over the shards).")
  String partitionKey;
  @Option(names = "--quiet", description = "No progress on stderr.") boolean quiet;

  private long put;
  private long failed;
  private long lastReport = System.nanoTime();
  private final long started = System.nanoTime();

  @Override
  public Integer call() throws IOException, InterruptedException {
    try (KinesisClient k = client.kinesis();
        BufferedReader in = file != null ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
            : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      List<PutRecordsRequestEntry> batch = new ArrayList<>(BATCH);
      long bytes = 0;
      long lineNo = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        byte[] data = line.getBytes(StandardCharsets.UTF_8);
        String key = partitionKey != null ? partitionKey : Long.toString(lineNo);
        if (batch.size() == BATCH || bytes + data.length + key.length() > BATCH_BYTES) {
          send(k, batch);
          batch = new ArrayList<>(BATCH);
          bytes = 0;
        }
        batch.add(PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromByteArray(data)).build());
        bytes += data.length + key.length();
      }
      if (!batch.isEmpty()) {
        send(k, batch);
      }
    }
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    System.err.printf("put %d record(s) to %s in %.1f s (%.0f records/s)%s%n", put, stream, seconds,
        put / seconds, failed > 0 ? "; " + failed + " failed" : "");
    return failed > 0 ? 1 : 0;
  }

  private void send(KinesisClient k, List<PutRecordsRequestEntry> batch) throws InterruptedException {
    List<PutRecordsRequestEntry> pending = batch;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<PutRecordsRequestEntry> toSend = pending;
      PutRecordsResponse r = k.putRecords(b -> b.streamName(stream).records(toSend));
      List<PutRecordsRequestEntry> retry = new ArrayList<>();
      for (int i = 0; i < toSend.size(); i++) {
        if (r.records().get(i).errorCode() == null) {
          put++;
        } else {
          retry.add(toSend.get(i));
        }
      }
      if (!retry.isEmpty() && attempt == ATTEMPTS) {
        failed += retry.size();
        System.err.println("giving up on " + retry.size() + " record(s): "
            + r.records().stream().filter(e -> e.errorCode() != null).findFirst().orElseThrow().errorMessage());
        break;
      }
      if (!retry.isEmpty()) {
        Thread.sleep(Math.min(2000, 50L << attempt));
      }
      pending = retry;
      progress();
    }
  }

  private void progress() {
    long now = System.nanoTime();
    if (!quiet && now - lastReport > 1_000_000_000L) {
      lastReport = now;
      double seconds = (now - started) / 1e9;
      System.err.printf("\r%d record(s), %.0f records/s ", put, put / seconds);
    }
  }
}
