package io.rivulet.firehose.engine;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.kms.Envelope;
import io.rivulet.firehose.pipeline.DestinationWriter;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import io.rivulet.firehose.pipeline.RecordProcessor;
import io.rivulet.firehose.util.Backoff;
import io.rivulet.log.LogEntry;
import io.rivulet.log.ShardLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery stream at work: its durable buffer and the one thread that delivers from it.
 *
 * <p>The thread delivers when the undelivered bytes reach the destination's {@code SizeInMBs} or
 * the oldest undelivered record is {@code IntervalInSeconds} old on the injected clock, whichever
 * comes first. A delivery takes the range from the delivered position up to {@code SizeInMBs}
 * of records, saves that range as pending in the checkpoint, sends it through the processor
 * (failed records to the error output) to the destination writer (which backs up the range's
 * source records when its S3BackupMode says so; the engine does it for Redshift), then saves the
 * new delivered position and trims the buffer. After a crash the pending range is delivered again,
 * exactly that range, so the same S3 objects are written. A failed delivery is retried
 * ({@link #BACKOFF} on the injected clock, 1 s doubling to 60 s) and the position never passes it.
 *
 * <p>Thread-safe: {@link #update} and the accessors may be called from any thread; the pipeline
 * (processor and writer) is used by the delivery thread only and rebuilt when the delivery
 * stream's version changes.
 */
final class DeliveryRuntime {
  private static final Logger log = LoggerFactory.getLogger(DeliveryRuntime.class);
  /** At most this many records per delivery, whatever the size hint. */
  static final int MAX_RECORDS_PER_DELIVERY = 250_000;
  /** Between deliveries of a range that failed: 1 s doubling to 60 s, on the injected clock. */
  static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0);

  private record Pipeline(int version, String type, RecordProcessor processor,
      DestinationWriter writer) {}

  private final Clock clock;
  private final long pollMillis;
  private final MetadataStore store;
  private final Destinations destinations;
  private final DeliveryBuffer buffer;
  private final DeliveryStats stats = new DeliveryStats();
  private final StreamContext context;
  private final Object monitor = new Object();
  private volatile DeliveryStreamMeta meta;
  private volatile DeliveryCheckpoint checkpoint;
  private volatile long oldestUndeliveredMillis = -1;
  private volatile boolean stopped;
  private boolean woken; // guarded by monitor
  private Thread thread;
  private Pipeline pipeline; // delivery thread only
  private int failures; // delivery thread only
  private long retryAtMillis; // delivery thread only

  DeliveryRuntime(DeliveryStreamMeta meta, ShardLog log, Clock clock, Duration poll,
      MetadataStore store, Destinations destinations, Envelope envelope) {
    this.meta = meta;
    this.clock = clock;
    this.pollMillis = Math.max(1, poll.toMillis());
    this.store = store;
    this.destinations = destinations;
    this.buffer = new DeliveryBuffer(log, meta.createdMillis(),
        new BufferCipher(envelope, meta.logName(), stats.decryptionFailures));
    this.context = new StreamContext(clock, poll, () -> this.meta, destinations.outputs(), stats);
    DeliveryCheckpoint saved = store.loadCheckpoint(meta.logName());
    this.checkpoint = saved == null ? DeliveryCheckpoint.start() : saved;
    if (checkpoint.nextOffset() > buffer.durableEnd()) {
      DeliveryRuntime.log.error("{}: delivered position {} is past the buffer's end {}: records"
          + " acknowledged before a crash were lost by the fsync policy", meta.arn(),
          checkpoint.nextOffset(), buffer.durableEnd());
    }
    buffer.recount(checkpoint.nextOffset());
    buffer.onDurable(this::wake);
    if (checkpoint.hasPending()) {
      DeliveryRuntime.log.info("{}: delivering buffer range {}..{} again (in flight at the last"
          + " stop)", meta.arn(), checkpoint.pendingFirst(), checkpoint.pendingLast());
    }
  }

  DeliveryBuffer buffer() {
    return buffer;
  }

  DeliveryStats stats() {
    return stats;
  }

  DeliveryStreamMeta meta() {
    return meta;
  }

  /** The delivered position and any range in flight. */
  DeliveryCheckpoint checkpoint() {
    return checkpoint;
  }

  /** Arrival time of the oldest record not yet delivered, or -1 when all are delivered. */
  long oldestUndeliveredMillis() {
    return oldestUndeliveredMillis;
  }

  synchronized void start() {
    thread = new Thread(this::run, "rivulet-firehose-" + meta.name());
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the delivery thread (interrupting a delivery in progress) and closes the writer. */
  void stop() {
    stopped = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      return;
    }
    t.interrupt();
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closePipeline();
  }

  /** The delivery stream changed (destination, hints): takes effect at the next delivery. */
  void update(DeliveryStreamMeta next) {
    meta = next;
    wake();
  }

  /** Deletes the buffer and checkpoint of a deleted delivery stream (after {@link #stop}). */
  void deleteData() {
    buffer.delete();
    store.deleteCheckpoint(meta.logName());
  }

  private void wake() {
    synchronized (monitor) {
      woken = true;
      monitor.notifyAll();
    }
  }

  private void await(long millis) throws InterruptedException {
    synchronized (monitor) {
      if (!woken && millis > 0) {
        monitor.wait(millis);
      }
      woken = false;
    }
  }

  private void run() {
    while (!stopped) {
      try {
        await(step());
      } catch (InterruptedException e) {
        return;
      } catch (DeliveryException | RuntimeException e) {
        if (stopped) {
          return;
        }
        failures++;
        long backoff = BACKOFF.delay(failures - 1).toMillis();
        retryAtMillis = clock.millis() + backoff;
        log.warn("{}: delivery failed (attempt {}), retrying in {} ms: {}", meta.arn(), failures,
            backoff, e.toString());
        stats.recordError(clock.millis(), "DeliveryFailed", "attempt " + failures + ", retrying in "
            + backoff / 1000 + " s: " + (e instanceof DeliveryException d ? d.errorCode() + ": " : "")
            + e.getMessage());
      }
    }
  }

  /**
   * Delivers what is due. Returns how long to wait (wall milliseconds, woken early by appends)
   * before looking again; 0 to look again at once.
   */
  private long step() throws DeliveryException, InterruptedException {
    long now = clock.millis();
    if (now < retryAtMillis) {
      return Math.min(pollMillis, retryAtMillis - now);
    }
    DeliveryCheckpoint cp = checkpoint;
    if (cp.hasPending()) {
      deliver(cp.pendingFirst(), cp.pendingLast(), readRange(cp.pendingFirst(), cp.pendingLast()));
      return 0;
    }
    List<LogEntry> head = buffer.read(Math.max(cp.nextOffset(), buffer.startOffset()), 1, 1);
    if (head.isEmpty()) {
      oldestUndeliveredMillis = -1;
      return pollMillis;
    }
    LogEntry first = head.get(0);
    oldestUndeliveredMillis = first.timestamp();
    DestinationConfigs.BufferingHints hints = DestinationConfigs.bufferingHints(
        new DestinationConfigs.Destination(meta.destinationType(), meta.destination()));
    long dueAt = first.timestamp() + hints.intervalMillis();
    if (buffer.undeliveredBytes() < hints.sizeBytes() && now < dueAt) {
      return Math.min(pollMillis, dueAt - now);
    }
    List<LogEntry> range =
        buffer.read(first.offset(), MAX_RECORDS_PER_DELIVERY, hints.sizeBytes());
    long last = range.get(range.size() - 1).offset();
    saveCheckpoint(cp.pending(first.offset(), last));
    deliver(first.offset(), last, range);
    return 0;
  }

  /** Every record of {@code first..last} still in the buffer. */
  private List<LogEntry> readRange(long first, long last) {
    List<LogEntry> out = new ArrayList<>();
    long offset = first;
    while (offset <= last) {
      List<LogEntry> chunk = buffer.read(offset, (int) Math.min(last - offset + 1,
          MAX_RECORDS_PER_DELIVERY), Long.MAX_VALUE);
      if (chunk.isEmpty()) {
        log.error("{}: records {}..{} of a pending delivery are missing from the buffer",
            meta.arn(), offset, last);
        break;
      }
      for (LogEntry e : chunk) {
        if (e.offset() <= last) {
          out.add(e);
        }
      }
      offset = chunk.get(chunk.size() - 1).offset() + 1;
    }
    return out;
  }

  private void deliver(long first, long last, List<LogEntry> entries)
      throws DeliveryException, InterruptedException {
    DeliveryStreamMeta m = meta;
    Pipeline p = pipeline(m);
    List<FirehoseRecord> records = new ArrayList<>(entries.size());
    long bytes = 0;
    for (LogEntry e : entries) {
      records.add(new FirehoseRecord(buffer.recordId(e.offset()), e.timestamp(), e.value(),
          Map.of(), KinesisRecordMetadata.decode(e.key())));
      bytes += e.value().length;
    }
    if (!records.isEmpty()) {
      oldestUndeliveredMillis = records.get(0).arrivalMillis();
    }
    DeliveryBatch source = new DeliveryBatch(m.name(), m.arn(), first, last, records);
    context.delivering(source);
    if (m.destinationType().equals(DestinationConfigs.REDSHIFT)
        && "Enabled".equals(m.destination().get("S3BackupMode")) && !records.isEmpty()) {
      context.writeBackup(source); // the Redshift writer does not back up; the others do
    }
    RecordProcessor.Result processed = process(p, records);
    writeProcessingFailures(source, p, processed.failed());
    if (!processed.ok().isEmpty()) {
      p.writer().deliver(source.withRecords(processed.ok()));
    }
    long lastTimestamp = entries.isEmpty() ? Long.MIN_VALUE
        : entries.get(entries.size() - 1).timestamp();
    saveCheckpoint(DeliveryCheckpoint.deliveredThrough(last));
    buffer.delivered(bytes, lastTimestamp);
    oldestUndeliveredMillis = -1;
    failures = 0;
  }

  /** Records processing failed, to the error output of their type (processing-failed, ...). */
  private void writeProcessingFailures(DeliveryBatch source, Pipeline p, List<FailedRecord> failed)
      throws DeliveryException {
    if (failed.isEmpty()) {
      return;
    }
    Destinations.ProcessorFactory processors = destinations.processors();
    Map<String, List<FailedRecord>> byType = new java.util.LinkedHashMap<>();
    for (FailedRecord f : failed) {
      byType.computeIfAbsent(processors.errorOutputType(f), t -> new ArrayList<>()).add(f);
    }
    for (Map.Entry<String, List<FailedRecord>> e : byType.entrySet()) {
      context.writeErrorOutput(source, e.getKey(), ProcessingFailures.lines(e.getValue(),
          clock.millis(), processors.lambdaArn(p.processor())));
    }
    stats.processingFailedRecords.add(failed.size());
  }

  /** The processor's result; a whole-invocation failure makes every record processing-failed. */
  private static RecordProcessor.Result process(Pipeline p, List<FirehoseRecord> records) {
    try {
      return p.processor().process(records);
    } catch (DeliveryException e) {
      List<FailedRecord> failed = new ArrayList<>(records.size());
      for (FirehoseRecord r : records) {
        failed.add(new FailedRecord(r, e.errorCode(), e.getMessage(), 1));
      }
      return new RecordProcessor.Result(List.of(), failed);
    }
  }

  private void saveCheckpoint(DeliveryCheckpoint next) {
    store.saveCheckpoint(meta.logName(), next);
    checkpoint = next;
  }

  @SuppressWarnings("unchecked")
  private Pipeline pipeline(DeliveryStreamMeta m) {
    Pipeline p = pipeline;
    if (p != null && p.version() == m.versionId() && p.type().equals(m.destinationType())) {
      return p;
    }
    closePipeline();
    Object pc = m.destination().get("ProcessingConfiguration");
    RecordProcessor processor = destinations.processors().create(m,
        pc instanceof Map ? (Map<String, Object>) pc : null, context);
    DestinationWriter writer = destinations.writer(m, context);
    pipeline = new Pipeline(m.versionId(), m.destinationType(), processor, writer);
    return pipeline;
  }

  private void closePipeline() {
    Pipeline p = pipeline;
    pipeline = null;
    if (p != null) {
      try {
        p.writer().close();
        if (p.processor() instanceof AutoCloseable c) {
          c.close();
        }
      } catch (Exception e) {
        log.warn("{}: closing the destination writer or processor failed", meta.arn(), e);
      }
    }
  }
}
