package io.rivulet.firehose.source;

import io.rivulet.firehose.engine.DeliveryBuffer;
import io.rivulet.firehose.pipeline.BufferWriter;
import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import io.rivulet.log.LogEntry;
import io.rivulet.log.ShardLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A delivery stream's buffer for tests: the engine's {@link DeliveryBuffer} over one rivulet-log
 * (a MemoryShardLog), read back record by record, that can be told to fail appends and waited
 * on. Thread-safe.
 */
final class LogBuffer implements BufferWriter {
  /** A buffered record read back. */
  record Buffered(long offset, long arrivalMillis, String data, KinesisRecordMetadata metadata) {}

  private final ShardLog log;
  private final DeliveryBuffer buffer;
  final AtomicInteger failNextAppends = new AtomicInteger();
  private final Object durable = new Object();

  LogBuffer(ShardLog log) {
    this.log = log;
    this.buffer = new DeliveryBuffer(log, 0);
  }

  @Override
  public CompletableFuture<Long> append(List<byte[]> records, long arrivalMillis) {
    return append(records, null, arrivalMillis);
  }

  @Override
  public CompletableFuture<Long> append(List<byte[]> records,
      List<KinesisRecordMetadata> metadata, long arrivalMillis) {
    if (failNextAppends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return CompletableFuture.failedFuture(new IllegalStateException("disk full (test)"));
    }
    return buffer.append(records, metadata, arrivalMillis).thenApply(first -> {
      synchronized (durable) {
        durable.notifyAll();
      }
      return first;
    });
  }

  /** Everything buffered, in buffer order. */
  List<Buffered> all() {
    List<Buffered> out = new ArrayList<>();
    long offset = log.startOffset();
    while (true) {
      List<LogEntry> chunk = log.read(offset, 10_000, Long.MAX_VALUE);
      if (chunk.isEmpty()) {
        return out;
      }
      for (LogEntry e : chunk) {
        out.add(new Buffered(e.offset(), e.timestamp(),
            new String(e.value(), StandardCharsets.UTF_8), KinesisRecordMetadata.decode(e.key())));
      }
      offset = chunk.get(chunk.size() - 1).offset() + 1;
    }
  }

  /** Waits until at least {@code count} records are buffered; the records buffered then. */
  List<Buffered> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (durable) {
      while (log.endOffset() - log.startOffset() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("only " + (log.endOffset() - log.startOffset()) + " of "
              + count + " records buffered after " + timeout);
        }
        durable.wait(Math.max(1, left / 1_000_000));
      }
    }
    return all();
  }
}
