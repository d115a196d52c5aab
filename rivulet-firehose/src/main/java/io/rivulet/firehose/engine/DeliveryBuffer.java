package io.rivulet.firehose.engine;

import io.rivulet.firehose.pipeline.BufferWriter;
import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import io.rivulet.kms.KmsKey;
import io.rivulet.log.AppendResult;
import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.log.ShardLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A delivery stream's durable buffer: its own rivulet-log, one log record per Firehose record
 * (value: the data; key: the {@link KinesisRecordMetadata#encode() Kinesis record metadata} of a
 * record read from a data stream, else none; timestamp: arrival time). An append's future completes when the log
 * says the batch is durable (the server's fsync policy), which is when PutRecord and PutRecordBatch
 * answer. Delivery reads only what is durable ({@link #durableEnd()}), so a delivered offset is
 * never reused after a crash; delivered records are trimmed from the log.
 *
 * <p>Record ids are derived from the buffer position and the delivery stream's creation time
 * ({@link #recordId}), so a record keeps its id through redeliveries after a crash.
 *
 * <p>With server-side encryption on, {@link #appendEncrypted} stores records encrypted ({@link
 * BufferCipher}: each bound to its offset, so encrypted appends are serialised and know it) and
 * {@link #read} returns them decrypted; plaintext and encrypted records can share the log.
 *
 * <p>Thread-safe: appends come from request threads, reads and trims from the delivery thread.
 */
public final class DeliveryBuffer implements BufferWriter {
  private final ShardLog log;
  private final long createdMillis;
  private final BufferCipher cipher; // null: no encryption (tests)
  /** Encrypted appends take the write lock, so the log's end offset is theirs; others the read lock. */
  private final ReentrantReadWriteLock appendOrder = new ReentrantReadWriteLock();
  private final AtomicLong durableEnd;
  private final AtomicLong undeliveredBytes = new AtomicLong();
  private volatile Runnable onDurable = () -> {};

  public DeliveryBuffer(ShardLog log, long createdMillis) {
    this(log, createdMillis, null);
  }

  /** With encryption at rest by {@code cipher}. */
  DeliveryBuffer(ShardLog log, long createdMillis, BufferCipher cipher) {
    this.log = log;
    this.createdMillis = createdMillis;
    this.cipher = cipher;
    this.durableEnd = new AtomicLong(log.endOffset());
  }

  /** Called (from the appending thread) after each durable append: wakes the delivery loop. */
  void onDurable(Runnable r) {
    onDurable = r;
  }

  @Override
  public CompletableFuture<Long> append(List<byte[]> records, long arrivalMillis) {
    return append(records, null, arrivalMillis);
  }

  /** Appends records with where they came from in a data stream, kept as each log record's key. */
  @Override
  public CompletableFuture<Long> append(List<byte[]> records,
      List<KinesisRecordMetadata> metadata, long arrivalMillis) {
    List<LogRecord> batch = new ArrayList<>(records.size());
    long bytes = 0;
    for (int i = 0; i < records.size(); i++) {
      byte[] r = records.get(i);
      byte[] key = metadata == null || metadata.get(i) == null ? null : metadata.get(i).encode();
      batch.add(new LogRecord(arrivalMillis, key, r));
      bytes += r.length;
    }
    long size = bytes;
    Lock order = appendOrder.readLock();
    order.lock();
    try {
      return log.append(batch).thenApply(r -> durable(r, size));
    } finally {
      order.unlock();
    }
  }

  /**
   * Appends records encrypted under a fresh data key wrapped by {@code key} (null: in plaintext,
   * as {@link #append(List, long)}); the future as for {@link #append(List, long)}.
   */
  CompletableFuture<Long> appendEncrypted(List<byte[]> records, long arrivalMillis, KmsKey key) {
    if (key == null || cipher == null) {
      return append(records, arrivalMillis);
    }
    long bytes = 0;
    for (byte[] r : records) {
      bytes += r.length;
    }
    long size = bytes;
    long base;
    CompletableFuture<AppendResult> appended;
    Lock order = appendOrder.writeLock();
    order.lock(); // nobody else appends until the log has assigned the offsets bound in the records
    try {
      base = log.endOffset();
      appended = log.append(cipher.seal(key, base, arrivalMillis, records, null));
    } finally {
      order.unlock();
    }
    return appended.thenApply(r -> {
      if (r.firstOffset() != base) {
        throw new IllegalStateException("encrypted records bound to offset " + base
            + " were appended at " + r.firstOffset());
      }
      return durable(r, size);
    });
  }

  private long durable(AppendResult r, long bytes) {
    undeliveredBytes.addAndGet(bytes);
    durableEnd.accumulateAndGet(r.lastOffset() + 1, Math::max);
    onDurable.run();
    return r.firstOffset();
  }

  /** The Firehose RecordId of the record at {@code offset}: stable for that buffer position. */
  public String recordId(long offset) {
    return recordId(createdMillis, offset);
  }

  static String recordId(long createdMillis, long offset) {
    return String.format("%020d%020d", createdMillis, offset);
  }

  /** One past the last record known to be durable. */
  public long durableEnd() {
    return Math.min(durableEnd.get(), log.endOffset());
  }

  public long startOffset() {
    return log.startOffset();
  }

  /**
   * Reads durable records from {@code offset} (see {@link ShardLog#read}), decrypted; a record
   * that fails authentication fails the read ({@link BufferCipher}).
   */
  public List<LogEntry> read(long offset, int maxRecords, long maxBytes) {
    List<LogEntry> entries = log.read(offset, maxRecords, maxBytes);
    long end = durableEnd();
    List<LogEntry> durable = new ArrayList<>(entries.size());
    for (LogEntry e : entries) {
      if (e.offset() < end) {
        durable.add(cipher == null ? e : cipher.open(e));
      }
    }
    return durable;
  }

  /** Bytes of data buffered and not yet delivered. */
  public long undeliveredBytes() {
    return undeliveredBytes.get();
  }

  /** Recounts the undelivered bytes from {@code nextOffset} on (after recovery). */
  void recount(long nextOffset) {
    long bytes = 0;
    long offset = Math.max(nextOffset, log.startOffset());
    long end = durableEnd();
    while (offset < end) {
      List<LogEntry> chunk = log.read(offset, 10_000, 64L * 1024 * 1024);
      if (chunk.isEmpty()) {
        break;
      }
      for (LogEntry e : chunk) {
        bytes += plainLength(e);
      }
      offset = chunk.get(chunk.size() - 1).offset() + 1;
    }
    undeliveredBytes.set(bytes);
  }

  /** The data length of a stored record (its ciphertext's if it cannot be decrypted). */
  private long plainLength(LogEntry e) {
    if (cipher == null || e.attributes() == BufferCipher.PLAIN) {
      return e.value().length;
    }
    try {
      return cipher.open(e).value().length;
    } catch (RuntimeException unreadable) {
      return e.value().length; // reported by open; delivery will stop at it
    }
  }

  /**
   * Marks {@code bytes} of data as delivered and trims the log below the last delivered record,
   * whose arrival time is {@code lastTimestamp}: records that arrived before it are all delivered
   * (arrival times are non-decreasing in the log), so they can go.
   */
  void delivered(long bytes, long lastTimestamp) {
    undeliveredBytes.addAndGet(-bytes);
    log.applyRetention(lastTimestamp);
  }

  public long sizeInBytes() {
    return log.sizeInBytes();
  }

  /** Deletes the buffer with its data (the delivery stream is gone). */
  void delete() {
    log.delete();
  }
}
