package io.rivulet.firehose.source;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.pipeline.BufferWriter;
import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.ReadResult;
import io.rivulet.streams.api.ShardInfo;
import io.rivulet.streams.api.ShardNotFoundException;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamInfo;
import io.rivulet.streams.api.StreamNotActiveException;
import io.rivulet.streams.api.StreamNotFoundException;
import io.rivulet.streams.api.StreamRecord;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.api.StreamsApiException;
import io.rivulet.streams.api.Watch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of a KinesisStreamAsSource delivery stream: reads every shard of a Rivulet data
 * stream (through {@link StreamsApi} only) and appends its records to the delivery stream's
 * buffer, at least once.
 *
 * <ul>
 *   <li><b>Start.</b> A new source reads each shard from the delivery start time (AWS's
 *       {@code DeliveryStartTimestamp}: the delivery stream's creation) on, which is AWS's "from
 *       LATEST" without losing what arrived between creation and the first read.
 *   <li><b>Order.</b> Parents are read to their end before their children (after a split, the two
 *       halves; after a merge, the child once both parents are done).
 *   <li><b>Position.</b> Per shard, the sequence number after which to continue, in a small file
 *       in the directory it is given ({@link SourcePositions}), saved only after the buffer append
 *       it covers is durable: after a crash the source re-reads at most what it appended after its
 *       last save (duplicates, never gaps). A restart resumes from the file.
 *   <li><b>Throughput.</b> Each pass reads up to {@value #MAX_BATCH_RECORDS} records / 4 MiB per
 *       ready shard, appends them (one buffer append per shard, all in flight together), waits
 *       until they are durable and saves the positions once; when every shard is caught up it
 *       waits for a {@link StreamsApi#watch} wake-up (a durable append, a reshard) instead of
 *       polling.
 *   <li><b>Stream deleted</b> (or deleted and created again): the source stops and reports {@link
 *       State#FAILED} with a message ({@link #status()}).
 * </ul>
 *
 * <p>Thread-safe: one reader thread does the work; {@link #start}, {@link #status} and {@link
 * #close} may be called from any thread.
 */
public final class KinesisStreamSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KinesisStreamSource.class);
  public static final String STREAM_ARN = "KinesisStreamARN";
  public static final String ROLE_ARN = "RoleARN";
  static final int MAX_BATCH_RECORDS = 10_000;
  static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;
  /** Longest wait for a wake-up when caught up (watches also wake about once a second). */
  static final long IDLE_WAIT_MILLIS = 5_000;
  /** Wait before retrying after a failed read or buffer append. */
  static final long RETRY_WAIT_MILLIS = 1_000;

  /**
   * What a source needs from its delivery stream: its name (for logs and its thread), Data
   * Streams, the buffer to append to, a directory of its own for its positions, the delivery
   * start time (the delivery stream's creation; null: now; kept from the first start on, later
   * values are ignored) and the clock.
   */
  public record Env(String deliveryStreamName, StreamsApi streams, BufferWriter buffer,
      Path stateDir, Instant deliveryStartTimestamp, Clock clock) {}

  /** STARTING until the stream is found ACTIVE, RUNNING, FAILED (see the failure), STOPPED. */
  public enum State { STARTING, RUNNING, FAILED, STOPPED }

  /**
   * The source's state, the failure that stopped it (FAILED) or the last error it is retrying
   * past (else null), and counters as Firehose's metrics name them: records and bytes read
   * ({@code DataReadFromKinesisStream.Records/.Bytes}) and how far behind the newest record the
   * last read was, across shards ({@code KinesisMillisBehindLatest}).
   */
  public record Status(State state, String error, long recordsRead, long bytesRead,
      long millisBehindLatest) {}

  private final String streamArn;
  private final Env env;
  private final Object signal = new Object();
  private boolean woken; // guarded by signal
  private volatile boolean stopping;
  private volatile State state = State.STARTING;
  private volatile String error;
  private volatile Instant deliveryStart;
  private final AtomicLong recordsRead = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();
  private volatile long millisBehind;
  private Thread thread; // guarded by this
  // reader thread only:
  private final Map<String, Watch> watches = new HashMap<>();
  private SourcePositions positions;
  private StreamId stream;

  /** A source for a KinesisStreamSourceConfiguration (as the request carried it). */
  public KinesisStreamSource(Map<String, Object> kinesisStreamSourceConfiguration, Env env) {
    validate(kinesisStreamSourceConfiguration);
    this.streamArn = (String) kinesisStreamSourceConfiguration.get(STREAM_ARN);
    this.env = env;
    this.deliveryStart = env.deliveryStartTimestamp() != null ? env.deliveryStartTimestamp()
        : env.clock().instant();
  }

  // ---------------------------------------------------------------- validation

  /** Checks a KinesisStreamSourceConfiguration's members (the model checks their patterns). */
  public static void validate(Map<String, Object> config) {
    if (config == null) {
      throw FirehoseError.INVALID_ARGUMENT.with("KinesisStreamSourceConfiguration is"
          + " required when DeliveryStreamType is KinesisStreamAsSource.");
    }
    for (String member : List.of(STREAM_ARN, ROLE_ARN)) {
      if (!(config.get(member) instanceof String s) || s.isEmpty()) {
        throw FirehoseError.INVALID_ARGUMENT.with(
            "KinesisStreamSourceConfiguration." + member + " is required.");
      }
    }
  }

  /** {@link #validate(Map)}, and the stream must exist (not being deleted). */
  public static void validate(Map<String, Object> config, StreamsApi streams) {
    validate(config);
    String arn = (String) config.get(STREAM_ARN);
    try {
      if (streams.describe(arn).status().equals("DELETING")) {
        throw new StreamNotFoundException("Stream " + arn + " is being deleted.");
      }
    } catch (StreamsApiException e) {
      throw FirehoseError.INVALID_ARGUMENT.with("Kinesis stream " + arn
          + " cannot be used as a source: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** Starts the reader thread (once). */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::run, "firehose-kinesis-source-" + env.deliveryStreamName());
    thread.setDaemon(true);
    thread.start();
  }

  public Status status() {
    return new Status(state, error, recordsRead.get(), bytesRead.get(), millisBehind);
  }

  /** The delivery start time: the one saved at the first start (Env's until then). */
  public Instant deliveryStartTimestamp() {
    return deliveryStart;
  }

  /** The source stream's ARN. */
  public String streamArn() {
    return streamArn;
  }

  /**
   * Stops reading and waits for the reader thread; what it appended but had not yet saved is read
   * again by the next start (at least once).
   */
  @Override
  public void close() {
    stopping = true;
    wake();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (state != State.FAILED) {
      state = State.STOPPED;
    }
  }

  // ---------------------------------------------------------------- the reader thread

  /** The source was asked to stop while waiting for an append. */
  private static final class Stopping extends Exception {
    Stopping() {
      super(null, null, false, false);
    }
  }

  private void run() {
    try {
      while (!stopping) {
        long wait;
        try {
          wait = stream == null && !open() ? RETRY_WAIT_MILLIS : pass();
        } catch (StreamNotFoundException e) {
          fail("Source Kinesis stream " + streamArn + " was deleted: " + e.getMessage());
          return;
        } catch (StreamNotActiveException e) {
          wait = RETRY_WAIT_MILLIS;
        } catch (Stopping e) {
          return;
        } catch (IOException | RuntimeException e) {
          log.warn("Kinesis source of {} failed; retrying", env.deliveryStreamName(), e);
          error = e.toString();
          wait = RETRY_WAIT_MILLIS;
        }
        if (wait > 0) {
          await(wait);
        }
      }
    } finally {
      watches.values().forEach(Watch::close);
      watches.clear();
    }
  }

  private void fail(String message) {
    log.error("Kinesis source of {} stopped: {}", env.deliveryStreamName(), message);
    error = message;
    state = State.FAILED;
  }

  /**
   * Finds the stream and loads (or starts) the positions; false while the stream is CREATING.
   * StreamNotFoundException when it is gone or is not the incarnation the positions were kept for.
   */
  private boolean open() throws IOException {
    StreamInfo info = env.streams().describe(streamArn);
    if (info.status().equals("DELETING")) {
      throw new StreamNotFoundException("it is being deleted");
    }
    if (!info.readable()) {
      return false;
    }
    SourcePositions p = SourcePositions.load(env.stateDir());
    if (p == null) {
      p = SourcePositions.fresh(env.stateDir(), streamArn, info.id().createdMillis(),
          deliveryStart.toEpochMilli());
      p.save();
    } else if (!p.streamArn().equals(streamArn)
        || p.streamCreatedMillis() != info.id().createdMillis()) {
      throw new StreamNotFoundException("the positions in " + env.stateDir() + " were kept for "
          + p.streamArn() + " created at " + Instant.ofEpochMilli(p.streamCreatedMillis())
          + ", which no longer exists");
    }
    positions = p;
    deliveryStart = Instant.ofEpochMilli(p.deliveryStartMillis());
    stream = info.id();
    state = State.RUNNING;
    return true;
  }

  /** One shard's read of a pass and its buffer append (null when it read nothing). */
  private record Read(String shardId, ReadResult result, CompletableFuture<Long> appended) {}

  /**
   * Reads every ready shard once, appends what it read, saves the positions once the appends are
   * durable. Returns how long to wait before the next pass: 0 when it moved on (more may be
   * there), the idle wait when every shard was caught up, the retry wait after a failed append.
   */
  private long pass() throws IOException, Stopping {
    clearSignal();
    List<ShardInfo> listed = env.streams().shards(stream);
    for (String lost : positions.retain(listed)) {
      log.warn("shard {} of {} expired before the source of {} read it to its end", lost,
          streamArn, env.deliveryStreamName());
    }
    List<ShardInfo> ready = positions.readable(listed);
    watch(ready);
    long now = env.clock().millis();
    Position initial = Position.atTimestamp(
        Instant.ofEpochMilli(Math.min(positions.deliveryStartMillis(), now)));
    List<Read> reads = new ArrayList<>(ready.size());
    long behind = 0;
    for (ShardInfo s : ready) {
      ReadResult r;
      try {
        r = env.streams().read(stream, s.shardId(), positions.position(s.shardId(), initial),
            MAX_BATCH_RECORDS, MAX_BATCH_BYTES);
      } catch (ShardNotFoundException expired) {
        continue; // retention removed it since the listing; the next pass forgets it
      }
      behind = Math.max(behind, r.millisBehindLatest());
      reads.add(new Read(s.shardId(), r, append(s.shardId(), r.records(), now)));
    }
    millisBehind = behind;
    boolean moved = false;
    boolean failed = false;
    for (Read read : reads) {
      if (read.appended() != null) {
        if (!durable(read.appended())) {
          failed = true;
          continue; // not advanced: read again next pass
        }
        moved = true;
      }
      moved |= read.result().shardEnded();
      positions.advance(read.shardId(), read.result().next().sequenceNumber(),
          read.result().shardEnded());
    }
    positions.save();
    if (!failed) {
      error = null;
    }
    return failed ? RETRY_WAIT_MILLIS : moved ? 0 : IDLE_WAIT_MILLIS;
  }

  /** Appends a shard's records with their Kinesis metadata; null when there are none. */
  private CompletableFuture<Long> append(String shardId, List<StreamRecord> records, long now) {
    if (records.isEmpty()) {
      return null;
    }
    List<byte[]> data = new ArrayList<>(records.size());
    List<KinesisRecordMetadata> metadata = new ArrayList<>(records.size());
    long bytes = 0;
    for (StreamRecord r : records) {
      data.add(r.data());
      metadata.add(new KinesisRecordMetadata(shardId, r.partitionKey(), r.sequenceNumber(), 0,
          r.approximateArrivalTimestamp().toEpochMilli()));
      bytes += r.data().length + r.partitionKey().getBytes(StandardCharsets.UTF_8).length;
    }
    recordsRead.addAndGet(records.size());
    bytesRead.addAndGet(bytes);
    try {
      return env.buffer().append(data, metadata, now);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Waits until the append is durable: true, or false when it failed (logged). */
  private boolean durable(CompletableFuture<Long> appended) throws Stopping {
    while (true) {
      try {
        appended.get(1, TimeUnit.SECONDS);
        return true;
      } catch (TimeoutException e) {
        if (stopping) {
          throw new Stopping();
        }
      } catch (ExecutionException e) {
        log.warn("buffer append of the source of {} failed; reading again",
            env.deliveryStreamName(), e.getCause());
        error = "Buffer append failed: " + e.getCause();
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stopping();
      }
    }
  }

  /** Keeps one watch per ready shard (registered before it is read: no wake-up is missed). */
  private void watch(List<ShardInfo> ready) {
    Set<String> ids = ready.stream().map(ShardInfo::shardId).collect(Collectors.toSet());
    watches.entrySet().removeIf(e -> {
      if (!ids.contains(e.getKey())) {
        e.getValue().close();
        return true;
      }
      return false;
    });
    for (ShardInfo s : ready) {
      if (!watches.containsKey(s.shardId())) {
        try {
          watches.put(s.shardId(), env.streams().watch(stream, s.shardId(), this::wake));
        } catch (ShardNotFoundException expired) {
          // gone since the listing; the next pass forgets it
        }
      }
    }
  }

  private void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void clearSignal() {
    synchronized (signal) {
      woken = false;
    }
  }

  /** Waits up to {@code millis} for a wake-up since the last {@link #clearSignal}, or a stop. */
  private void await(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (signal) {
      long left;
      while (!woken && !stopping && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
    }
  }
}
