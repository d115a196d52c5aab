package io.rivulet.benchmarks.firehose;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Drives PutRecordBatch for a warm-up and then a measured window, open-loop at a fixed rate or
 * closed-loop as fast as the server answers. Not thread-safe: one {@link #run} per instance (its
 * worker threads share only thread-safe state).
 *
 * <p><b>Open loop</b> ({@code recordsPerSecond > 0}): call {@code k} is due at
 * {@code start + k × batch / recordsPerSecond}; a dispatcher hands each due call to a pool of
 * {@code connections} threads (calls wait in its queue when all are busy), and a call's latency is
 * measured from when it was <i>due</i>, so a server that falls behind shows in the percentiles
 * (no coordinated omission). <b>Closed loop</b> ({@code recordsPerSecond == 0}): each of
 * {@code connections} threads keeps one call in flight; latency is the call's own.
 *
 * <p>Every record gets the next sequence number and is stamped with the wall-clock time its call
 * is sent ({@link BenchRecords}). The sequence numbers the server acknowledged (no ErrorCode in
 * the response entry) are kept, warm-up included, so the delivered objects can be checked
 * against them, with the buffer offset each RecordId names ({@link BufferOffsets}). SDK retries
 * are off: a failed call or record is counted, not retried.
 */
final class Producer {
  /** Settings of a run. */
  record Settings(String deliveryStream, int recordsPerSecond, int batch, int connections,
      long warmupNanos, long durationNanos) {}

  /** What the run measured; counts of the measured window unless named {@code total}. */
  record Result(long calls, long records, long bytes, long errors, long failedRecords,
      double seconds, Histogram latencyMicros, Histogram serviceMicros, long ackedTotal,
      long ackedBytesTotal, BitSet acked, BufferOffsets offsets, long measureFromMillis,
      long measureUntilMillis,
      long lastAckMillis, long maxQueued, String firstError) {

    double recordsPerSecond() {
      return records / seconds;
    }

    double megabytesPerSecond() {
      return bytes / FirehoseBench.MB / seconds;
    }
  }

  private final FirehoseClient client;
  private final BenchRecords records;
  private final Settings s;
  private final AtomicLong nextSeq = new AtomicLong();
  private final BitSet acked = new BitSet();
  private final BufferOffsets offsets = new BufferOffsets();
  private final Recorder latency = new Recorder(120_000_000L, 3);
  private final Recorder service = new Recorder(120_000_000L, 3);
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong measuredRecords = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong failedRecords = new AtomicLong();
  private final AtomicLong ackedTotal = new AtomicLong();
  private final AtomicLong lastAckMillis = new AtomicLong();
  private volatile String firstError;
  private long measureFrom;
  private long measureUntil;

  Producer(FirehoseClient client, BenchRecords records, Settings settings) {
    this.client = client;
    this.records = records;
    this.s = settings;
  }

  Result run() throws InterruptedException {
    long start = System.nanoTime();
    long startWall = System.currentTimeMillis();
    measureFrom = start + s.warmupNanos();
    measureUntil = measureFrom + s.durationNanos();
    long maxQueued = s.recordsPerSecond() > 0 ? openLoop(start) : closedLoop();
    long endNanos = System.nanoTime();
    double seconds = Math.max(s.durationNanos(), endNanos - measureFrom) / 1e9;
    long fromWall = startWall + s.warmupNanos() / 1_000_000;
    long measured = measuredRecords.get();
    BitSet ackedCopy;
    synchronized (acked) {
      ackedCopy = (BitSet) acked.clone();
    }
    return new Result(calls.get(), measured, measured * records.size(), errors.get(),
        failedRecords.get(), seconds, latency.getIntervalHistogram(),
        service.getIntervalHistogram(), ackedTotal.get(), ackedTotal.get() * records.size(),
        ackedCopy, offsets, fromWall, fromWall + s.durationNanos() / 1_000_000, lastAckMillis.get(),
        maxQueued, firstError);
  }

  /** Paces calls on this thread; returns the most calls that waited for a free connection. */
  private long openLoop(long start) throws InterruptedException {
    ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(s.connections(),
        r -> daemon(r, "firehose-bench-put"));
    double intervalNanos = s.batch() * 1e9 / s.recordsPerSecond();
    long maxQueued = 0;
    try {
      for (long k = 0; ; k++) {
        long due = start + (long) (k * intervalNanos);
        if (due >= measureUntil) {
          break;
        }
        sleepUntil(due);
        pool.execute(() -> call(due));
        maxQueued = Math.max(maxQueued, pool.getQueue().size());
      }
    } finally {
      shutdown(pool);
    }
    return maxQueued;
  }

  private long closedLoop() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < s.connections(); i++) {
      Thread t = daemon(() -> {
        long t0;
        while ((t0 = System.nanoTime()) < measureUntil) {
          call(t0);
        }
      }, "firehose-bench-put-" + i);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return 0;
  }

  /** One PutRecordBatch of {@code batch} new records; {@code due} is when it was meant to start. */
  private void call(long due) {
    long first = nextSeq.getAndAdd(s.batch());
    long sentMillis = System.currentTimeMillis();
    List<Record> batch = new ArrayList<>(s.batch());
    for (int i = 0; i < s.batch(); i++) {
      batch.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(records.encode(first + i,
          sentMillis))).build());
    }
    boolean measured = due >= measureFrom && due < measureUntil;
    long t0 = System.nanoTime();
    try {
      PutRecordBatchResponse r = client.putRecordBatch(b -> b.deliveryStreamName(s.deliveryStream())
          .records(batch));
      long end = System.nanoTime();
      int ok = acknowledge(first, r.requestResponses());
      lastAckMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
      if (measured) {
        latency.recordValue(Math.min((end - due) / 1000, 120_000_000L));
        service.recordValue(Math.min((end - t0) / 1000, 120_000_000L));
        calls.incrementAndGet();
        measuredRecords.addAndGet(ok);
        failedRecords.addAndGet(s.batch() - ok);
      }
    } catch (RuntimeException e) {
      if (measured) {
        calls.incrementAndGet();
        errors.incrementAndGet();
      }
      if (firstError == null) {
        firstError = e.toString();
      }
    }
  }

  /**
   * Marks the acknowledged records of a call starting at sequence number {@code first}, and keeps
   * the buffer offset of each (from its RecordId).
   */
  private int acknowledge(long first, List<PutRecordBatchResponseEntry> entries) {
    int ok = 0;
    synchronized (acked) {
      for (int i = 0; i < entries.size(); i++) {
        PutRecordBatchResponseEntry e = entries.get(i);
        if (e.errorCode() == null) {
          acked.set(Math.toIntExact(first + i));
          offsets.put(first + i, BufferOffsets.offset(e.recordId()));
          ok++;
        }
      }
    }
    ackedTotal.addAndGet(ok);
    return ok;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void shutdown(ExecutorService pool) throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
      pool.shutdownNow();
      throw new IllegalStateException("PutRecordBatch calls still running 5 minutes after the window");
    }
  }

  static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}
