package io.rivulet.streams.engine;

import io.rivulet.log.AppendResult;
import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.log.ShardLog;
import io.rivulet.streams.KinesisError;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Record writes and reads: routing by hash key, one log batch per shard per call, shard iterators.
 * Thread-safe (stateless beyond the engine it reads from).
 */
public final class DataPlane {
  private static final Logger log = LoggerFactory.getLogger(DataPlane.class);
  public static final long ITERATOR_TTL_MILLIS = 300_000;
  public static final int MAX_GET_RECORDS = 10_000;
  public static final long MAX_GET_BYTES = 10L * 1024 * 1024;
  private static final DateTimeFormatter AMZ_UTC =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);

  private final StreamsEngine engine;
  private final Tokens tokens;
  private final FanOut fanOut = new FanOut();
  private final RecordCipher cipher;

  /** With encryption at rest under keys of a key store of this process only. */
  public DataPlane(StreamsEngine engine, Tokens tokens) {
    this(engine, tokens, new RecordCipher(null));
  }

  public DataPlane(StreamsEngine engine, Tokens tokens, RecordCipher cipher) {
    this.engine = engine;
    this.tokens = tokens;
    this.cipher = cipher;
    engine.onChange(m -> fanOut.changed(m.logPrefix()));
  }

  /** A record to put: partition key, optional explicit hash key, data. */
  public record PutEntry(String partitionKey, BigInteger explicitHashKey, byte[] data) {}

  /** The outcome of one record: shard and sequence number, or an error code and message. */
  public record PutOutcome(String shardId, String sequenceNumber, String errorCode, String errorMessage) {}

  /** A record read back; {@code encrypted} when it was stored encrypted ({@link RecordCipher}). */
  public record ReadRecord(String sequenceNumber, Instant arrival, String partitionKey, byte[] data,
      boolean encrypted) {}

  /** What GetRecords returns; {@code nextIterator} is null at the end of a closed shard. */
  public record ReadResult(List<ReadRecord> records, String nextIterator, long millisBehindLatest,
      StreamMeta stream, ShardMeta shard) {}

  /** The enhanced fan-out subscriptions, woken when their shard is appended to. */
  public FanOut fanOut() {
    return fanOut;
  }

  /** Encryption at rest of this data plane's records. */
  public RecordCipher cipher() {
    return cipher;
  }

  /** The token sealer shared with operations that hand out opaque tokens (ListShards). */
  public Tokens tokens() {
    return tokens;
  }

  // ---------------------------------------------------------------- writes

  /** The stream a write goes to, or ResourceNotFoundException if it is not ACTIVE/UPDATING. */
  public StreamMeta writableStream(StreamKey key) {
    ActiveStream a = engine.find(key);
    if (a == null || !a.meta.writable()) {
      throw StreamsEngine.notFound(key);
    }
    return a.meta;
  }

  /**
   * Appends the entries, one batch per shard in request order; completes when every batch is
   * durable. A shard whose append fails gives its records an {@code InternalFailure} outcome.
   */
  public CompletableFuture<List<PutOutcome>> put(StreamKey key, List<PutEntry> entries) {
    int n = entries.size();
    BigInteger[] hashes = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      PutEntry e = entries.get(i);
      hashes[i] = e.explicitHashKey() != null ? e.explicitHashKey() : HashKeys.of(e.partitionKey());
    }
    PutOutcome[] outcomes = new PutOutcome[n];
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    Lock appendLock = engine.appendLock(key).readLock();
    appendLock.lock(); // a reshard cannot commit between routing and issuing the batches
    try {
      ActiveStream a = engine.find(key);
      if (a == null || !a.meta.writable()) {
        throw StreamsEngine.notFound(key);
      }
      if (RecordCipher.encrypts(a.meta)) { // refuse the call before any shard is written
        cipher.checkKey(a.meta.keyId(), a.meta.account(), a.meta.region());
      }
      long now = engine.clock().millis();
      Map<ShardMeta, List<Integer>> byShard = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        byShard.computeIfAbsent(a.route(hashes[i]), k -> new ArrayList<>()).add(i);
      }
      for (Map.Entry<ShardMeta, List<Integer>> group : byShard.entrySet()) {
        ShardMeta shard = group.getKey();
        List<Integer> admitted = admit(a, shard, group.getValue(), entries, outcomes);
        if (!admitted.isEmpty()) {
          String logName = a.meta.logName(shard);
          pending.add(appendGroup(a, shard, admitted, entries, now, outcomes,
              engine.stats(a.meta, shard)).thenRun(() -> fanOut.appended(logName)));
        }
      }
    } finally {
      appendLock.unlock();
    }
    return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> List.of(outcomes));
  }

  /**
   * With throttling on, the records of {@code idx} the shard has capacity for (in order); the
   * others get ProvisionedThroughputExceededException outcomes. All of them when it is off.
   */
  private List<Integer> admit(ActiveStream a, ShardMeta shard, List<Integer> idx,
      List<PutEntry> entries, PutOutcome[] outcomes) {
    if (!engine.config().capacity().throttling()) {
      return idx;
    }
    ShardStats stats = engine.stats(a.meta, shard);
    List<Integer> admitted = new ArrayList<>(idx.size());
    for (int i : idx) {
      PutEntry e = entries.get(i);
      long size = e.data().length + e.partitionKey().getBytes(StandardCharsets.UTF_8).length;
      if (stats.admitWrite(size)) {
        admitted.add(i);
      } else {
        stats.writeThrottled.increment();
        outcomes[i] = new PutOutcome(null, null, THROTTLED, rateExceeded(a.meta, shard));
      }
    }
    return admitted;
  }

  /** The error code of a throttled record. */
  public static final String THROTTLED = "ProvisionedThroughputExceededException";

  static String rateExceeded(StreamMeta m, ShardMeta shard) {
    return "Rate exceeded for shard " + shard.shardId() + " in stream " + m.name()
        + " under account " + m.account() + ".";
  }

  /** Issues one shard's batch; its outcome fills {@code outcomes} when it is durable (or fails). */
  private CompletableFuture<Void> appendGroup(ActiveStream a, ShardMeta shard,
      List<Integer> idx, List<PutEntry> entries, long now, PutOutcome[] outcomes,
      ShardStats stats) {
    List<PutEntry> group = new ArrayList<>(idx.size());
    for (int i : idx) {
      group.add(entries.get(i));
    }
    ShardLog shardLog = a.log(shard.index());
    boolean encrypted = RecordCipher.encrypts(a.meta);
    Lock order = encrypted ? stats.appendOrder.writeLock() : stats.appendOrder.readLock();
    List<LogRecord> batch;
    long base;
    CompletableFuture<AppendResult> appended;
    order.lock(); // encrypted: nobody else appends to this shard until the log has our offsets
    try {
      base = shardLog.endOffset();
      batch = cipher.seal(a.meta, shard, now, base, group);
      appended = shardLog.append(batch);
    } finally {
      order.unlock();
    }
    return appended.handle((AppendResult r, Throwable err) -> {
      Throwable failure = err;
      if (failure == null && encrypted && r.firstOffset() != base) {
        failure = new IllegalStateException("encrypted batch bound to offset " + base
            + " was appended at " + r.firstOffset());
      }
      if (failure == null) {
        long bytes = 0;
        for (LogRecord rec : batch) {
          bytes += rec.key().length + rec.value().length;
        }
        stats.incomingRecords.add(batch.size());
        stats.incomingBytes.add(bytes);
        stats.writes.add(now, batch.size(), bytes);
      }
      for (int j = 0; j < idx.size(); j++) {
        outcomes[idx.get(j)] = failure == null
            ? new PutOutcome(shard.shardId(),
                SequenceNumbers.encode(shard.index(), shard.createdMillis(), r.firstOffset() + j),
                null, null)
            : new PutOutcome(null, null, "InternalFailure", "Internal service failure.");
      }
      if (failure != null) {
        log.error("append to {} failed", a.meta.logName(shard), failure);
      }
      return null;
    });
  }

  // ---------------------------------------------------------------- iterators

  /** A shard of a readable (ACTIVE/UPDATING) stream, or ResourceNotFoundException. */
  public ShardMeta readableShard(StreamKey key, String shardId) {
    ActiveStream a = engine.find(key);
    int index = ShardMeta.parseIndex(shardId);
    ShardMeta shard = a == null || !a.meta.writable() || index < 0 ? null : a.meta.shard(index);
    if (shard == null) {
      throw shardMissing(key, shardId);
    }
    return shard;
  }

  private static RuntimeException shardMissing(StreamKey key, String shardId) {
    return KinesisError.RESOURCE_NOT_FOUND.with("Shard " + shardId + " in stream " + key.name()
        + " under account " + key.account() + " does not exist");
  }

  /** A shard and its stream, as a reader addressing one stream incarnation finds them. */
  private record Located(ActiveStream stream, ShardMeta shard) {}

  /**
   * The shard of the stream incarnation created at {@code createdMillis} (a deleted and recreated
   * stream of the same name is another one), if that stream is readable; else ResourceNotFound.
   */
  private Located locate(StreamKey key, long createdMillis, int shardIndex) {
    ActiveStream a = engine.find(key);
    ShardMeta shard = a == null || a.meta.createdMillis() != createdMillis || !a.meta.writable()
        ? null : a.meta.shard(shardIndex);
    if (shard == null) {
      throw shardMissing(key, ShardMeta.shardId(shardIndex));
    }
    return new Located(a, shard);
  }

  /** A shard iterator of the given type (GetShardIterator). */
  public String shardIterator(StreamKey key, String shardId, String type, String startingSequence,
      Instant timestamp) {
    ShardMeta shard = readableShard(key, shardId);
    return iterator(engine.find(key).meta, shard.index(),
        startOffset(key, shardId, type, startingSequence, timestamp));
  }

  /** The log offset where reading with this starting position begins (GetShardIterator's rules). */
  public long startOffset(StreamKey key, String shardId, String type, String startingSequence,
      Instant timestamp) {
    ShardMeta shard = readableShard(key, shardId);
    ActiveStream a = engine.find(key);
    ShardLog shardLog = a.log(shard.index());
    boolean wantsSeq = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
    if (startingSequence != null && !wantsSeq && !type.equals("AT_TIMESTAMP")) {
      throw KinesisError.INVALID_ARGUMENT.with("Must either specify (1) AT_SEQUENCE_NUMBER or"
          + " AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no"
          + " StartingSequenceNumber. Request specified " + type + " and also a StartingSequenceNumber.");
    }
    long offset;
    switch (type) {
      case "TRIM_HORIZON" -> offset = shardLog.startOffset();
      case "LATEST" -> offset = shardLog.endOffset();
      case "AT_TIMESTAMP" -> {
        if (timestamp == null) {
          throw KinesisError.INVALID_ARGUMENT.with("Must specify timestampInMillis parameter for"
              + " iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.");
        }
        long now = engine.clock().millis();
        if (timestamp.toEpochMilli() > now) {
          throw KinesisError.INVALID_ARGUMENT.with("The timestampInMillis parameter cannot be greater"
              + " than the currentTimestampInMillis. timestampInMillis: " + timestamp.toEpochMilli()
              + ", currentTimestampInMillis: " + now);
        }
        offset = shardLog.offsetForTimestamp(timestamp.toEpochMilli());
      }
      default -> {
        if (!wantsSeq || startingSequence == null) {
          throw KinesisError.INVALID_ARGUMENT.with("Must either specify (1) AT_SEQUENCE_NUMBER or"
              + " AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and"
              + " no StartingSequenceNumber. Request specified " + type
              + " and no StartingSequenceNumber.");
        }
        long at = sequenceOffset(key, shard, startingSequence); // -1: before the first record
        offset = type.equals("AT_SEQUENCE_NUMBER") ? Math.max(0, at) : at + 1;
      }
    }
    return offset;
  }

  private static long sequenceOffset(StreamKey key, ShardMeta shard, String sequence) {
    SequenceNumbers.Decoded d = SequenceNumbers.decode(sequence);
    if (d == null) {
      throw KinesisError.INVALID_ARGUMENT.with("StartingSequenceNumber " + sequence
          + " used in GetShardIterator on shard " + shard.shardId() + " in stream " + key.name()
          + " under account " + key.account() + " is invalid.");
    }
    if (d.shardIndex() != shard.index()) {
      throw KinesisError.INVALID_ARGUMENT.with("Invalid StartingSequenceNumber. It encodes "
          + ShardMeta.shardId(d.shardIndex()) + ", while it was used in a call to a shard with "
          + shard.shardId());
    }
    if (d.shardCreatedMillis() != shard.createdMillis()) {
      throw KinesisError.INVALID_ARGUMENT.with("StartingSequenceNumber " + sequence
          + " used in GetShardIterator on shard " + shard.shardId() + " in stream " + key.name()
          + " under account " + key.account() + " is invalid because it did not come from this stream.");
    }
    return d.offset();
  }

  private String iterator(StreamMeta meta, int shardIndex, long offset) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(1);
      out.writeLong(meta.createdMillis());
      out.writeInt(shardIndex);
      out.writeLong(offset);
      out.writeLong(engine.clock().millis());
      out.writeUTF(meta.account());
      out.writeUTF(meta.region());
      out.writeUTF(meta.name());
      return tokens.seal(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record IteratorState(StreamKey key, long createdMillis, int shardIndex, long offset, long issued) {}

  /**
   * The stream a shard iterator reads (authorisation needs it before GetRecords runs), or null if
   * the token is not an iterator this server issued; expiry is not checked here.
   */
  public StreamKey streamOfIterator(String token) {
    try {
      return openIterator(token).key();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private IteratorState openIterator(String token) {
    byte[] payload = tokens.open(token);
    if (payload == null) {
      throw KinesisError.INVALID_ARGUMENT.with("Invalid ShardIterator.");
    }
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
      if (in.readByte() != 1) {
        throw KinesisError.INVALID_ARGUMENT.with("Invalid ShardIterator.");
      }
      long created = in.readLong();
      int shard = in.readInt();
      long offset = in.readLong();
      long issued = in.readLong();
      StreamKey key = new StreamKey(in.readUTF(), in.readUTF(), in.readUTF());
      return new IteratorState(key, created, shard, offset, issued);
    } catch (IOException e) {
      throw KinesisError.INVALID_ARGUMENT.with("Invalid ShardIterator.");
    }
  }

  // ---------------------------------------------------------------- reads

  /**
   * Records read from a position: the records (expired ones skipped, decrypted), the offset to
   * read from next, how far behind the tip that is, whether the shard is closed and read to its
   * end, and the bytes returned (data and partition keys).
   */
  public record Batch(List<ReadRecord> records, long next, long millisBehindLatest,
      boolean shardEnded, long bytes) {}

  /** Reads up to {@code limit} records and about {@code maxBytes} from {@code offset}; counts them. */
  private Batch readBatch(ActiveStream a, ShardMeta shard, long offset, int limit, long maxBytes,
      long now) {
    ShardLog shardLog = a.log(shard.index());
    ShardStats stats = engine.stats(a.meta, shard);
    long cutoff = now - a.meta.retentionHours() * 3_600_000L;
    long start = Math.max(offset, shardLog.startOffset());
    List<LogEntry> entries = shardLog.read(start, limit, maxBytes);
    List<ReadRecord> records = new ArrayList<>(entries.size());
    long next = start;
    long lastTimestamp = -1;
    long bytes = 0;
    for (LogEntry e : entries) {
      next = e.offset() + 1;
      if (e.timestamp() < cutoff) {
        continue; // expired but not yet trimmed: never returned
      }
      lastTimestamp = e.timestamp();
      RecordCipher.Opened plain = cipher.open(a.meta, shard, e, stats);
      records.add(new ReadRecord(
          SequenceNumbers.encode(shard.index(), shard.createdMillis(), e.offset()),
          Instant.ofEpochMilli(e.timestamp()), plain.partitionKey(), plain.data(), plain.encrypted()));
      bytes += plain.data().length + plain.partitionKey().length();
    }
    stats.outgoingRecords.add(records.size());
    stats.outgoingBytes.add(bytes);
    long end = shardLog.endOffset();
    boolean ended = !shard.isOpen() && next > shard.lastOffset();
    long behind = next >= end || lastTimestamp < 0 ? 0 : Math.max(0, now - lastTimestamp);
    stats.iteratorAgeMillis.set(behind);
    return new Batch(records, next, behind, ended, bytes);
  }

  /**
   * An enhanced fan-out read: like GetRecords from {@code offset} of a shard of the stream
   * incarnation created at {@code createdMillis}, without read throttling (a subscription has its
   * own 2 MiB/s). ResourceNotFoundException when the stream or shard is gone.
   */
  public Batch readForSubscription(StreamKey key, long createdMillis, int shardIndex, long offset,
      int limit, long maxBytes) {
    Located at = locate(key, createdMillis, shardIndex);
    return readBatch(at.stream(), at.shard(), offset, limit, maxBytes, engine.clock().millis());
  }

  /** GetRecords: up to {@code limit} records from the iterator's position. */
  public ReadResult read(String iterator, int limit) {
    IteratorState it = openIterator(iterator);
    long now = engine.clock().millis();
    if (now - it.issued() > ITERATOR_TTL_MILLIS) {
      throw KinesisError.EXPIRED_ITERATOR.with("Iterator expired. The iterator was created at time "
          + AMZ_UTC.format(Instant.ofEpochMilli(it.issued())) + " while right now it is "
          + AMZ_UTC.format(Instant.ofEpochMilli(now)) + " which is further in the future than the"
          + " tolerated delay of " + ITERATOR_TTL_MILLIS + " milliseconds.");
    }
    Located at = locate(it.key(), it.createdMillis(), it.shardIndex());
    ActiveStream a = at.stream();
    ShardMeta shard = at.shard();
    ShardStats stats = engine.stats(a.meta, shard);
    boolean throttling = engine.config().capacity().throttling();
    if (throttling && !(stats.readBytes.available() && stats.readCalls.tryTake(1))) {
      stats.readThrottled.increment();
      throw KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED.with(rateExceeded(a.meta, shard));
    }
    Batch b = readBatch(a, shard, it.offset(), Math.min(limit, MAX_GET_RECORDS), MAX_GET_BYTES, now);
    if (throttling) {
      stats.readBytes.take(b.bytes());
    }
    stats.getRecordsCalls.increment();
    String nextIterator = b.shardEnded() ? null : iterator(a.meta, shard.index(), b.next());
    List<ReadRecord> records = b.records();
    long behind = b.millisBehindLatest();
    return new ReadResult(records, nextIterator, behind, a.meta, shard);
  }
}
