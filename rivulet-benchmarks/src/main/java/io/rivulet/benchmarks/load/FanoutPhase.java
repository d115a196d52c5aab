package io.rivulet.benchmarks.load;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The fan-out phase: put → push latency over SubscribeToShard. {@code consumers} enhanced fan-out
 * consumers are registered and each subscribes to every shard (one {@link KinesisAsyncClient}, so
 * one HTTP/2 connection, per consumer; a subscription that ends, as every one does after 5
 * minutes, is renewed from its ContinuationSequenceNumber). A producer sends {@code rate}
 * records/s: every millisecond one PutRecords with the records due by then (one record per call at
 * 1,000/s, ten at 10,000/s), handed to a pool of writer threads on the sync client (the async
 * client's per-call overhead, ~5 ms at p50 on a busy 2-core machine, would dominate what is
 * measured), each record carrying its scheduled send time ({@link System#nanoTime},
 * the same clock the consumers read, as they run in this process). Latency is receive time minus
 * that scheduled time, so a producer that falls behind shows up in it (no coordinated omission).
 * Records sent during the warm-up are not measured. Not thread-safe: one {@link #run} per
 * instance; the callbacks it registers are.
 */
final class FanoutPhase {
  /** Settings of the phase. */
  record Settings(String stream, int rate, int consumers, int recordSize, long warmupNanos,
      long durationNanos, long serverPid) {}

  /** What the phase measured. */
  record Result(int rate, int consumers, long sent, long acked, long putErrors, double seconds,
      Histogram putMicros, long received, long expected, Histogram latencyMicros, long resubscribes,
      long serverCpuNanos) {

    double ackedPerSecond() {
      return acked / seconds;
    }

    private static double ms(Histogram h, double percentile) {
      return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(percentile) / 1e3;
    }

    void print(PrintStream out) {
      out.printf(Locale.ROOT, "FANOUT: rate %,d records/s, %d consumer(s), %.1f s measured%n", rate,
          consumers, seconds);
      out.printf(Locale.ROOT, "  producer: %,d sent, %,d acknowledged (%,.0f records/s), %d errors;"
          + " PutRecords ms p50 %.2f p99 %.2f p999 %.2f%n", sent, acked, ackedPerSecond(),
          putErrors, ms(putMicros, 50), ms(putMicros, 99), ms(putMicros, 99.9));
      if (consumers > 0) {
        out.printf(Locale.ROOT, "  pushed: %,d of %,d expected (%d resubscriptions); put -> push ms"
            + " p50 %.2f p99 %.2f p999 %.2f max %.2f%n", received, expected, resubscribes,
            ms(latencyMicros, 50), ms(latencyMicros, 99), ms(latencyMicros, 99.9),
            latencyMicros.getMaxValue() / 1e3);
      }
      if (serverCpuNanos >= 0) {
        out.printf(Locale.ROOT, "  server CPU: %.2f cores busy%n",
            serverCpuNanos / (seconds * 1e9));
      }
    }

    String json() {
      return String.format(Locale.ROOT,
          "{\"phase\":\"fanout\",\"rate\":%d,\"consumers\":%d,\"sent\":%d,\"acked\":%d,"
              + "\"putErrors\":%d,\"seconds\":%.3f,\"ackedPerSec\":%.1f,\"putP50Ms\":%.3f,"
              + "\"putP99Ms\":%.3f,\"received\":%d,\"expected\":%d,\"p50Ms\":%.3f,\"p99Ms\":%.3f,"
              + "\"p999Ms\":%.3f,\"maxMs\":%.3f,\"resubscribes\":%d,\"serverCores\":%.3f}",
          rate, consumers, sent, acked, putErrors, seconds, ackedPerSecond(), ms(putMicros, 50),
          ms(putMicros, 99), received, expected, ms(latencyMicros, 50), ms(latencyMicros, 99),
          ms(latencyMicros, 99.9), latencyMicros.getMaxValue() / 1e3, resubscribes,
          serverCpuNanos < 0 ? -1 : serverCpuNanos / (seconds * 1e9));
    }
  }

  private static final long TICK_NANOS = 1_000_000;
  private static final int WRITERS = 16;
  private static final int MAX_IN_FLIGHT = 64;

  private final KinesisClient control;
  private final java.net.URI endpoint;
  private final Settings s;
  private final Recorder latency = new Recorder(60_000_000L, 3);
  private final LongAdder received = new LongAdder();
  /** Worst latency (µs) of the records scheduled in each second of the measured window. */
  private java.util.concurrent.atomic.AtomicLongArray worstPerSecond;
  private final LongAdder resubscribes = new LongAdder();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fanout-resubscribe");
        t.setDaemon(true);
        return t;
      });
  private volatile long measureFrom;
  private volatile long measureUntil;
  private volatile boolean stopping;

  FanoutPhase(KinesisClient control, java.net.URI endpoint, Settings settings) {
    this.control = control;
    this.endpoint = endpoint;
    this.s = settings;
  }

  Result run() throws InterruptedException {
    String arn = control.describeStreamSummary(b -> b.streamName(s.stream()))
        .streamDescriptionSummary().streamARN();
    List<String> shards = control.listShards(b -> b.streamName(s.stream())).shards().stream()
        .map(Shard::shardId).toList();
    List<KinesisAsyncClient> clients = new ArrayList<>();
    try (DataPlane producer = DataPlane.create(DataPlane.Kind.SYNC, endpoint, WRITERS)) {
      for (int c = 0; c < s.consumers(); c++) {
        String name = "bench-consumer-" + c;
        String consumerArn = control.registerStreamConsumer(b -> b.streamARN(arn).consumerName(name))
            .consumer().consumerARN();
        awaitActive(consumerArn);
        KinesisAsyncClient client = DataPlane.asyncClient(endpoint, 2 * shards.size() + 2);
        clients.add(client);
        for (String shard : shards) {
          Subscription sub = new Subscription(client, consumerArn, shard);
          subscriptions.add(sub);
          sub.start(ShardIteratorType.LATEST, null);
        }
      }
      Thread.sleep(1000); // let every subscription reach the server before the first record
      return produce(producer);
    } finally {
      stopping = true;
      for (Subscription sub : subscriptions) {
        sub.cancel();
      }
      clients.forEach(KinesisAsyncClient::close);
      retries.shutdownNow();
    }
  }

  private void awaitActive(String consumerArn) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (control.describeStreamConsumer(b -> b.consumerARN(consumerArn)).consumerDescription()
        .consumerStatus() != ConsumerStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(consumerArn + " did not become ACTIVE in 60 s");
      }
      Thread.sleep(50);
    }
  }

  /** Paces the producer on this thread; returns once every call of the run completed. */
  private Result produce(DataPlane producer) throws InterruptedException {
    java.util.concurrent.ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> {
      Thread t = new Thread(r, "fanout-writer");
      t.setDaemon(true);
      return t;
    });
    try {
      return produce(producer, writers);
    } finally {
      writers.shutdownNow();
    }
  }

  private Result produce(DataPlane producer, java.util.concurrent.Executor writers)
      throws InterruptedException {
    Recorder putMicros = new Recorder(60_000_000L, 3);
    AtomicLong acked = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
    ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    byte[] padding = new byte[Math.max(0, s.recordSize() - Long.BYTES)];
    long start = System.nanoTime();
    measureFrom = start + s.warmupNanos();
    measureUntil = measureFrom + s.durationNanos();
    worstPerSecond = new java.util.concurrent.atomic.AtomicLongArray(
        (int) (s.durationNanos() / 1_000_000_000L) + 1);
    long server0 = -1;
    long sent = 0;
    long sentMeasured = 0;
    long ackedAtMeasureStart = -1;
    long next = 0; // records scheduled so far
    long interval = 1_000_000_000L / s.rate();
    for (long tick = start; tick < measureUntil; tick += TICK_NANOS) {
      PutPhase.sleepUntil(tick);
      if (server0 < 0 && tick >= measureFrom) {
        server0 = s.serverPid() > 0 ? ProcCpu.cpuNanos(s.serverPid()) : -1;
        ackedAtMeasureStart = acked.get();
        putMicros.reset();
      }
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      long due = (tick + TICK_NANOS - start) / interval;
      for (; next < due && entries.size() < 500; next++) {
        long scheduled = start + next * interval;
        ByteBuffer data = ByteBuffer.allocate(Long.BYTES + padding.length);
        data.putLong(scheduled).put(padding).flip();
        entries.add(PutRecordsRequestEntry.builder().partitionKey(Long.toString(next))
            .data(SdkBytes.fromByteBuffer(data)).build());
        if (scheduled >= measureFrom) {
          sentMeasured++;
        }
      }
      if (entries.isEmpty()) {
        continue;
      }
      sent += entries.size();
      inFlight.acquire();
      long t0 = System.nanoTime();
      int n = entries.size();
      writers.execute(() -> {
        try {
          PutRecordsResponse r = producer.putRecords(
              PutRecordsRequest.builder().streamName(s.stream()).records(entries).build());
          putMicros.recordValue(Math.min((System.nanoTime() - t0) / 1000, 60_000_000L));
          acked.addAndGet(n - r.failedRecordCount());
          errors.addAndGet(r.failedRecordCount());
        } catch (RuntimeException e) {
          errors.addAndGet(n);
          if (firstErrors.isEmpty()) {
            firstErrors.add(e.toString());
          }
        } finally {
          inFlight.release();
        }
      });
    }
    long wall = System.nanoTime() - measureFrom;
    long serverCpu = server0 >= 0 ? ProcCpu.cpuNanos(s.serverPid()) - server0 : -1;
    long ackedMeasured = acked.get() - Math.max(0, ackedAtMeasureStart);
    inFlight.acquire(MAX_IN_FLIGHT); // every call answered
    Thread.sleep(2000); // the last pushes
    firstErrors.forEach(e -> System.err.println("fanout: first put error: " + e));
    StringBuilder stalls = new StringBuilder();
    for (int i = 0; i < worstPerSecond.length(); i++) {
      if (worstPerSecond.get(i) >= 100_000) {
        stalls.append(String.format(Locale.ROOT, " s%d:%.0fms", i, worstPerSecond.get(i) / 1e3));
      }
    }
    if (s.consumers() > 0) {
      System.out.println("  seconds of the window whose records waited >= 100 ms:"
          + (stalls.length() == 0 ? " none" : stalls));
    }
    long expected = sentMeasured * s.consumers();
    return new Result(s.rate(), s.consumers(), sent, ackedMeasured, errors.get(), wall / 1e9,
        putMicros.getIntervalHistogram(), received.sum(), expected,
        latency.getIntervalHistogram(), resubscribes.sum(), serverCpu);
  }

  /** One consumer's subscription to one shard, renewed when it ends. Thread-safe. */
  private final class Subscription {
    private final KinesisAsyncClient client;
    private final String consumerArn;
    private final String shardId;
    private volatile String continuation;
    private volatile CompletableFuture<Void> current;

    Subscription(KinesisAsyncClient client, String consumerArn, String shardId) {
      this.client = client;
      this.consumerArn = consumerArn;
      this.shardId = shardId;
    }

    void start(ShardIteratorType type, String sequence) {
      SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
          .subscriber(this::onEvent)
          .build();
      current = client.subscribeToShard(b -> b.consumerARN(consumerArn).shardId(shardId)
          .startingPosition(p -> p.type(type).sequenceNumber(sequence)), handler);
      current.whenComplete((v, e) -> {
        if (stopping) {
          return;
        }
        resubscribes.increment();
        if (e != null) {
          System.err.println("subscription to " + shardId + " ended: " + e);
        }
        // a subscription ends after 5 minutes (or is refused while the old one is still held)
        retries.schedule(() -> start(continuation == null ? ShardIteratorType.LATEST
                : ShardIteratorType.AFTER_SEQUENCE_NUMBER, continuation),
            e == null ? 0 : 200, TimeUnit.MILLISECONDS);
      });
    }

    private void onEvent(SubscribeToShardEventStream event) {
      if (!(event instanceof SubscribeToShardEvent e)) {
        return;
      }
      long now = System.nanoTime();
      e.records().forEach(r -> {
        long scheduled = r.data().asByteBuffer().getLong(0);
        if (scheduled >= measureFrom && scheduled < measureUntil) {
          received.increment();
          long micros = Math.min(Math.max(0, now - scheduled) / 1000, 60_000_000L);
          latency.recordValue(micros);
          worstPerSecond.accumulateAndGet(
              (int) ((scheduled - measureFrom) / 1_000_000_000L), micros, Math::max);
        }
      });
      continuation = e.continuationSequenceNumber();
    }

    void cancel() {
      CompletableFuture<Void> f = current;
      if (f != null) {
        f.cancel(true);
      }
    }
  }
}
