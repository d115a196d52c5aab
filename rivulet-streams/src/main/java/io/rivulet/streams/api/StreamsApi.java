package io.rivulet.streams.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Kinesis Data Streams for the other services of this server (Firehose, Analytics, Video): find a
 * stream, list its shards, read a shard from a position, be woken when a shard gets records, and
 * append records. They use Data Streams only through this package, never through its engine or
 * its files, so that the engine behind it can change (a Kafka-backed one, say) without them.
 *
 * <p>Semantics are those of the Kinesis API (GetShardIterator + GetRecords, PutRecords) without
 * the wire: no iterators to expire, no read throttling (appends are throttled as PutRecords is
 * when the server runs with {@code --throttling aws}), errors as the unchecked exceptions of this
 * package ({@link StreamNotFoundException}, {@link ShardNotFoundException}, {@link
 * StreamNotActiveException}, {@link InvalidArgumentException}, {@link StreamsApiException}).
 *
 * <p>Implementations are thread-safe.
 */
public interface StreamsApi {

  /** The most records one {@link #read} returns (as GetRecords). */
  int MAX_READ_RECORDS = 10_000;

  /** The most bytes (data and partition keys) one {@link #read} returns (as GetRecords). */
  long MAX_READ_BYTES = 10L * 1024 * 1024;

  /** The most records one {@link #append} takes (as PutRecords). */
  int MAX_APPEND_RECORDS = 500;

  /** The most bytes (data and partition keys) one {@link #append} takes (as PutRecords). */
  long MAX_APPEND_BYTES = 5L * 1024 * 1024;

  /** The stream of this name in the account and region, in any status. */
  StreamInfo describe(String account, String region, String streamName);

  /** The stream an ARN ({@code arn:aws:kinesis:<region>:<account>:stream/<name>}) names. */
  StreamInfo describe(String streamArn);

  /**
   * Every shard of the stream incarnation, open and closed (closed ones until retention expires
   * them), in shard-id order; none while the stream is CREATING.
   */
  List<ShardInfo> shards(StreamId stream);

  /**
   * Reads up to {@code maxRecords} records and about {@code maxBytes} (at least one record when
   * there is one) of a shard from a position, as GetShardIterator followed by one GetRecords
   * would. Records older than the stream's retention are never returned.
   */
  ReadResult read(StreamId stream, String shardId, Position from, int maxRecords, long maxBytes);

  /**
   * Calls {@code listener} after records appended to the shard are durable (the signal that wakes
   * enhanced fan-out subscriptions), when the stream's shards change (split, merge, expiry) or it
   * is deleted, and now and then without cause (about once a second), until the watch is closed.
   * The listener runs on a shared thread: it must return at once (signal a reader, never read
   * there). Register before the read that found nothing, so no append falls between the two.
   */
  Watch watch(StreamId stream, String shardId, Runnable listener);

  /**
   * Appends records as one PutRecords call does: routed by hash key, one batch per shard; the
   * future completes, with one result per entry in order, once every stored record is durable
   * by the server's fsync policy. Checks the limits first (1 to {@value #MAX_APPEND_RECORDS}
   * entries, {@value #MAX_APPEND_BYTES} bytes, partition keys of 1 to 256 characters, data up to
   * the stream's maximum record size) and throws {@link InvalidArgumentException}.
   */
  CompletableFuture<List<PutResult>> append(StreamId stream, List<PutEntry> entries);
}
