package io.rivulet.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The GET phase: one reader thread per shard drains its shard from TRIM_HORIZON with GetRecords
 * until it has read as many records as the PUT phase stored there (or the shard stays empty at its
 * tip, or the deadline passes). The clock runs from the first GetShardIterator to the last reader's
 * end. Not thread-safe: one {@link #run} per instance.
 */
final class GetPhase {
  /** Settings of the phase. */
  record Settings(String stream, int limit, long timeoutNanos, long serverPid) {}

  private static final int EMPTY_AT_TIP_LIMIT = 5;

  private final KinesisClient control;
  private final DataPlane client;
  private final Settings s;

  GetPhase(KinesisClient control, DataPlane client, Settings settings) {
    this.control = control;
    this.client = client;
    this.s = settings;
  }

  PhaseResult run(Map<String, Long> expectedPerShard) throws InterruptedException {
    long server0 = s.serverPid() > 0 ? ProcCpu.cpuNanos(s.serverPid()) : -1;
    long client0 = ProcCpu.selfCpuNanos();
    long wall0 = System.nanoTime();
    long deadline = wall0 + s.timeoutNanos();
    List<Reader> readers = new ArrayList<>();
    for (Map.Entry<String, Long> shard : expectedPerShard.entrySet()) {
      Reader r = new Reader(shard.getKey(), shard.getValue(), deadline);
      readers.add(r);
      r.thread.start();
    }
    for (Reader r : readers) {
      r.thread.join();
    }
    long wall = System.nanoTime() - wall0;
    long serverCpu = s.serverPid() > 0 ? ProcCpu.cpuNanos(s.serverPid()) - server0 : -1;
    long clientCpu = ProcCpu.selfCpuNanos() - client0;

    Histogram latency = PutPhase.newHistogram();
    long records = 0;
    long bytes = 0;
    long calls = 0;
    long errors = 0;
    long missing = 0;
    for (Reader r : readers) {
      latency.add(r.latency);
      records += r.records;
      bytes += r.bytes;
      calls += r.calls;
      errors += r.errors;
      missing += Math.max(0, r.expected - r.records);
      if (r.firstError != null) {
        System.err.println("get: first error on " + r.shardId + ": " + r.firstError);
      }
    }
    if (missing > 0) {
      System.err.printf("get: %d record(s) that PUT stored were not read back%n", missing);
    }
    return new PhaseResult("get", records, bytes, calls, errors, missing, wall, latency, serverCpu,
        clientCpu);
  }

  /** One reader thread; its counters are read only after the thread is joined. */
  private final class Reader implements Runnable {
    final String shardId;
    final long expected;
    final Thread thread;
    final Histogram latency = PutPhase.newHistogram();
    private final long deadline;
    long records;
    long bytes;
    long calls;
    long errors;
    String firstError;

    Reader(String shardId, long expected, long deadline) {
      this.shardId = shardId;
      this.expected = expected;
      this.deadline = deadline;
      this.thread = new Thread(this, "get-reader-" + shardId);
    }

    @Override
    public void run() {
      String iterator = control.getShardIterator(b -> b.streamName(s.stream()).shardId(shardId)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      int emptyAtTip = 0;
      while (records < expected && iterator != null && emptyAtTip < EMPTY_AT_TIP_LIMIT
          && System.nanoTime() < deadline) {
        GetRecordsRequest request = GetRecordsRequest.builder().shardIterator(iterator).limit(s.limit()).build();
        long t0 = System.nanoTime();
        GetRecordsResponse response;
        try {
          response = client.getRecords(request);
        } catch (RuntimeException e) {
          calls++;
          errors++;
          if (firstError == null) {
            firstError = e.toString();
          }
          if (errors > 100) {
            return;
          }
          continue;
        }
        latency.recordValue(Math.min((System.nanoTime() - t0) / 1000, latency.getHighestTrackableValue()));
        calls++;
        List<Record> got = response.records();
        for (Record r : got) {
          bytes += r.data().asByteArrayUnsafe().length;
        }
        records += got.size();
        boolean atTip = response.millisBehindLatest() != null && response.millisBehindLatest() == 0;
        emptyAtTip = got.isEmpty() && atTip ? emptyAtTip + 1 : 0;
        iterator = response.nextShardIterator();
      }
    }
  }
}
