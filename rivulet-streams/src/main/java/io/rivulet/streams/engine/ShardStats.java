package io.rivulet.streams.engine;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One shard's traffic: the counters of Kinesis's shard-level metrics (IncomingBytes/Records,
 * OutgoingBytes/Records, Write/ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds), the
 * last minute's write rate (for on-demand scaling) and the token buckets of its capacity.
 * Thread-safe.
 */
public final class ShardStats {
  public final LongAdder incomingRecords = new LongAdder();
  public final LongAdder incomingBytes = new LongAdder();
  public final LongAdder outgoingRecords = new LongAdder();
  public final LongAdder outgoingBytes = new LongAdder();
  public final LongAdder getRecordsCalls = new LongAdder();
  public final LongAdder writeThrottled = new LongAdder();
  public final LongAdder readThrottled = new LongAdder();
  /** Encrypted records refused because they failed authentication ({@link RecordCipher}). */
  public final LongAdder decryptionFailures = new LongAdder();
  /** MillisBehindLatest of the last GetRecords on this shard. */
  public final AtomicLong iteratorAgeMillis = new AtomicLong();

  final RateWindow writes = new RateWindow();
  final TokenBucket writeBytes;
  final TokenBucket writeRecords;
  final TokenBucket readBytes;
  final TokenBucket readCalls;
  /**
   * Orders appends to the shard's log: encrypted appends take the write lock, so the offset they
   * bind into each record ({@link RecordCipher}) is the log's end offset when they append;
   * plaintext appends take the read lock and run concurrently.
   */
  final ReentrantReadWriteLock appendOrder = new ReentrantReadWriteLock();
  /** Since when (engine clock) the shard's write rate stayed below the idle threshold. */
  volatile long quietSinceMillis;

  ShardStats(Clock clock, CapacityConfig c) {
    this.writeBytes = new TokenBucket(clock, c.writeBytesPerSecond());
    this.writeRecords = new TokenBucket(clock, c.writeRecordsPerSecond());
    this.readBytes = new TokenBucket(clock, c.readBytesPerSecond());
    this.readCalls = new TokenBucket(clock, c.readCallsPerSecond());
    this.quietSinceMillis = clock.millis();
  }

  /** Takes write capacity for one record of {@code bytes}; false when the shard is over it. */
  boolean admitWrite(long bytes) {
    if (!writeRecords.tryTake(1)) {
      return false;
    }
    if (!writeBytes.tryTake(bytes)) {
      writeRecords.giveBack(1);
      return false;
    }
    return true;
  }
}
