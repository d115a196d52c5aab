package io.rivulet.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * The PUT phase: {@code writers} threads, each with one PutRecords call in flight, for a warm-up
 * and then a measured window. Requests are built up front (a pool of distinct batches with random
 * partition keys and random payloads) so the load generator spends its CPU on the SDK and the
 * wire, not on making data. Every record the server accepts is counted per shard, warm-up included,
 * so the GET phase knows how much to read. Not thread-safe: one {@link #run} per instance.
 */
final class PutPhase {
  /** Settings of the phase. */
  record Settings(String stream, int writers, int batch, int recordSize, int partitionKeys,
      long warmupNanos, long durationNanos, long serverPid) {}

  private static final int REQUEST_POOL = 32;

  private final DataPlane client;
  private final Settings s;
  private final Map<String, LongAdder> acceptedPerShard = new ConcurrentHashMap<>();

  PutPhase(DataPlane client, Settings settings) {
    this.client = client;
    this.s = settings;
  }

  /** Records accepted per shard id during the whole phase (warm-up included). */
  Map<String, Long> acceptedPerShard() {
    Map<String, Long> m = new java.util.TreeMap<>();
    acceptedPerShard.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  PhaseResult run() throws InterruptedException {
    List<PutRecordsRequest> pool = buildRequests();
    long start = System.nanoTime();
    long measureFrom = start + s.warmupNanos();
    long measureUntil = measureFrom + s.durationNanos();
    List<Writer> writers = new ArrayList<>();
    for (int i = 0; i < s.writers(); i++) {
      Writer w = new Writer(pool, i, measureFrom, measureUntil);
      writers.add(w);
      w.thread.start();
    }
    sleepUntil(measureFrom);
    long server0 = s.serverPid() > 0 ? ProcCpu.cpuNanos(s.serverPid()) : -1;
    long client0 = ProcCpu.selfCpuNanos();
    long wall0 = System.nanoTime();
    for (Writer w : writers) {
      w.thread.join();
    }
    long wall = System.nanoTime() - wall0;
    long serverCpu = s.serverPid() > 0 ? ProcCpu.cpuNanos(s.serverPid()) - server0 : -1;
    long clientCpu = ProcCpu.selfCpuNanos() - client0;

    Histogram latency = newHistogram();
    long records = 0;
    long calls = 0;
    long errors = 0;
    long failed = 0;
    for (Writer w : writers) {
      latency.add(w.latency);
      records += w.records;
      calls += w.calls;
      errors += w.errors;
      failed += w.failed;
      if (w.firstError != null && errors > 0) {
        System.err.println("put: first error of writer " + w.index + ": " + w.firstError);
      }
    }
    return new PhaseResult("put", records, records * s.recordSize(), calls, errors, failed, wall,
        latency, serverCpu, clientCpu);
  }

  private List<PutRecordsRequest> buildRequests() {
    SplittableRandom random = new SplittableRandom(42);
    String[] keys = new String[s.partitionKeys()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = "pk-" + Long.toHexString(random.nextLong());
    }
    List<PutRecordsRequest> pool = new ArrayList<>(REQUEST_POOL);
    for (int r = 0; r < REQUEST_POOL; r++) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>(s.batch());
      for (int i = 0; i < s.batch(); i++) {
        byte[] data = new byte[s.recordSize()];
        random.nextBytes(data);
        entries.add(PutRecordsRequestEntry.builder()
            .partitionKey(keys[random.nextInt(keys.length)])
            .data(SdkBytes.fromByteArrayUnsafe(data))
            .build());
      }
      pool.add(PutRecordsRequest.builder().streamName(s.stream()).records(entries).build());
    }
    return pool;
  }

  static Histogram newHistogram() {
    return new Histogram(60_000_000L, 3); // microseconds, up to a minute
  }

  static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000), 0);
    }
  }

  /** One writer thread; its counters are read only after the thread is joined. */
  private final class Writer implements Runnable {
    final int index;
    final Thread thread;
    final Histogram latency = newHistogram();
    private final List<PutRecordsRequest> pool;
    private final long measureFrom;
    private final long measureUntil;
    long records;
    long calls;
    long errors;
    long failed;
    String firstError;

    Writer(List<PutRecordsRequest> pool, int index, long measureFrom, long measureUntil) {
      this.pool = pool;
      this.index = index;
      this.measureFrom = measureFrom;
      this.measureUntil = measureUntil;
      this.thread = new Thread(this, "put-writer-" + index);
    }

    @Override
    public void run() {
      int next = index;
      long t0;
      while ((t0 = System.nanoTime()) < measureUntil) {
        PutRecordsRequest request = pool.get(next++ % pool.size());
        boolean measured = t0 >= measureFrom;
        try {
          PutRecordsResponse response = client.putRecords(request);
          long micros = (System.nanoTime() - t0) / 1000;
          int accepted = count(response);
          if (measured) {
            latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
            calls++;
            records += accepted;
            failed += response.failedRecordCount() == null ? 0 : response.failedRecordCount();
          }
        } catch (RuntimeException e) {
          if (measured) {
            calls++;
            errors++;
          }
          if (firstError == null) {
            firstError = e.toString();
          }
        }
      }
    }

    private int count(PutRecordsResponse response) {
      int accepted = 0;
      String lastShard = null;
      LongAdder adder = null;
      for (PutRecordsResultEntry e : response.records()) {
        if (e.errorCode() == null) {
          accepted++;
          if (!e.shardId().equals(lastShard)) {
            lastShard = e.shardId();
            adder = acceptedPerShard.computeIfAbsent(lastShard, k -> new LongAdder());
          }
          adder.increment();
        }
      }
      return accepted;
    }
  }
}
