package io.rivulet.log;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One append-only log of records: dense {@code long} offsets from {@link #startOffset()} (inclusive)
 * to {@link #endOffset()} (exclusive). The log knows nothing of AWS: keys and values are bytes.
 *
 * <p><b>Acknowledgement contract.</b> The future returned by {@link #append} completes only when the
 * batch is durable by the log's {@link FsyncPolicy}: with {@link FsyncPolicy#group()} the batch's
 * bytes and every batch before it have been written and {@code fsync}ed, so a crash (SIGKILL, power
 * loss) after completion never loses it. With {@code interval} at most that many milliseconds of
 * acknowledged writes may be lost on power loss (none on a process crash); with {@code never} the
 * OS decides. Batches are atomic: after recovery a batch is either wholly present or wholly absent,
 * and nothing follows a missing batch.
 *
 * <p>Implementations are thread-safe: appends from many threads are serialised in one order, and
 * readers run concurrently with appenders and see only completed batches.
 */
public interface ShardLog extends Closeable {

  /**
   * Appends the records as one batch with consecutive offsets. Each record's timestamp is kept as
   * given, but the log's time index treats timestamps as non-decreasing: a record timestamp lower
   * than an earlier one is stored as the earlier maximum.
   *
   * @return a future of the result, completed once durable by the fsync policy, or exceptionally
   *     with {@link LogException} (e.g. disk full, log closed); a failed append leaves no trace.
   */
  CompletableFuture<AppendResult> append(List<LogRecord> records);

  /**
   * Reads records from {@code offset} on: at most {@code maxRecords}, and stops before the record
   * that would take the total of key and value bytes over {@code maxBytes} (but always returns at
   * least one record if any is available). An offset below {@link #startOffset()} reads from the
   * start; an offset at or beyond {@link #endOffset()} returns an empty list.
   */
  List<LogEntry> read(long offset, int maxRecords, long maxBytes);

  /** The first offset still readable (retention moves it forward). */
  long startOffset();

  /** The offset the next appended record will get. */
  long endOffset();

  /**
   * The first offset whose (non-decreasing) timestamp is {@code >= epochMillis}, or {@link
   * #endOffset()} if there is none.
   */
  long offsetForTimestamp(long epochMillis);

  /**
   * Applies time retention: records with a timestamp below {@code cutoffEpochMillis} become
   * unreadable ({@link #startOffset()} moves past them) and whole segments that hold only such
   * records are deleted from disk.
   *
   * @return the number of records that became unreadable by this call
   */
  long applyRetention(long cutoffEpochMillis);

  /** Size on disk (or in memory) of the retained data, in bytes. */
  long sizeInBytes();

  /** Closes the log and deletes all its data. */
  void delete();

  /** Flushes and closes; later calls fail with {@link LogException}. */
  @Override
  void close();
}
