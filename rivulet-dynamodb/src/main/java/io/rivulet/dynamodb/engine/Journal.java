package io.rivulet.dynamodb.engine;

import io.rivulet.log.AppendResult;
import io.rivulet.log.FileLogManager;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.log.RecoveryReport;
import io.rivulet.log.ShardLog;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DynamoDB write-ahead journal: one {@link ShardLog} of JSON entries (table definitions, drops,
 * item puts and deletes) replayed in order on start, and replaced by a compacted generation (the
 * live state written as entries) when it has grown well past the live state.
 *
 * <p>Layout under the state directory:
 * <pre>
 * journal.current                 the live generation's number (decimal), replaced atomically
 * logs/journal-&lt;20 digits&gt;/      the generation's log (rivulet-log segments, CRC32C per batch)
 * </pre>
 * A compaction writes generation N+1 completely and durably, then replaces {@code journal.current}
 * (write a temporary file, fsync, rename, fsync the directory), then deletes generation N; a crash
 * at any point leaves either N or N+1 current, and any other generation is deleted on open.
 *
 * <p>Acknowledgement contract: the future of {@link #append} completes once the entries are durable
 * by the fsync policy (group commit by default: written and fsynced), and a batch of entries is
 * atomic after recovery. Thread-safety: appends are serialised by the log in call order; {@link
 * #compact} must not run concurrently with appends (the caller excludes them).
 */
final class Journal implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  static final String CURRENT = "journal.current";
  private static final String PREFIX = "journal-";
  private static final int READ_BATCH = 1000;

  private final Path dir;
  private final java.time.Clock clock;
  private final FileLogManager logs;
  private long generation;
  private ShardLog log;
  private volatile CompletableFuture<?> lastAppend = CompletableFuture.completedFuture(null);

  Journal(Path dir, FsyncPolicy fsync, java.time.Clock clock) {
    this.clock = clock;
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      this.generation = readCurrent();
      deleteOtherGenerations();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.logs = new FileLogManager(dir.resolve("logs"), fsync);
    this.log = logs.open(name(generation));
  }

  /** Feeds every entry of the live generation, in order, to {@code apply}. */
  void replay(Consumer<byte[]> apply) {
    long offset = log.startOffset();
    while (offset < log.endOffset()) {
      List<LogEntry> entries = log.read(offset, READ_BATCH, Long.MAX_VALUE);
      if (entries.isEmpty()) {
        break;
      }
      for (LogEntry e : entries) {
        apply.accept(e.value());
      }
      offset = entries.get(entries.size() - 1).offset() + 1;
    }
  }

  /** What recovery of the live generation dropped, if anything. */
  List<RecoveryReport> recoveryReports() {
    return logs.recoveryReports();
  }

  /**
   * Appends entries as one atomic batch; the future completes once they are durable. Synchronized
   * so that {@link #lastAppend} is always the latest batch (the log completes in append order), which
   * is what {@link #compact} waits for before it retires the generation.
   */
  synchronized CompletableFuture<AppendResult> append(List<byte[]> entries) {
    List<LogRecord> records = new ArrayList<>(entries.size());
    long now = clock.millis();
    for (byte[] e : entries) {
      records.add(new LogRecord(now, new byte[0], e));
    }
    CompletableFuture<AppendResult> f = log.append(records);
    lastAppend = f;
    return f;
  }

  /** Entries in the live generation. */
  long size() {
    return log.endOffset() - log.startOffset();
  }

  /**
   * Replaces the live generation by one holding {@code snapshot}. The caller guarantees that no
   * append runs concurrently and that the snapshot includes every appended entry's effect.
   */
  void compact(List<byte[]> snapshot) {
    lastAppend.handle((r, e) -> null).join();
    long next = generation + 1;
    ShardLog fresh = logs.open(name(next));
    List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
    for (int i = 0; i < snapshot.size(); i += READ_BATCH) {
      List<LogRecord> batch = new ArrayList<>();
      for (byte[] e : snapshot.subList(i, Math.min(snapshot.size(), i + READ_BATCH))) {
        batch.add(new LogRecord(clock.millis(), new byte[0], e));
      }
      pending.add(fresh.append(batch));
    }
    CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
    try {
      writeCurrent(next);
    } catch (IOException e) {
      fresh.delete();
      throw new UncheckedIOException(e);
    }
    ShardLog old = log;
    log = fresh;
    generation = next;
    old.delete();
    LOG.debug("journal compacted to generation {} ({} entries)", next, snapshot.size());
  }

  private long readCurrent() throws IOException {
    Path file = dir.resolve(CURRENT);
    if (!Files.exists(file)) {
      return 0;
    }
    return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
  }

  private void writeCurrent(long gen) throws IOException {
    Path tmp = dir.resolve(CURRENT + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap((gen + "\n").getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private void deleteOtherGenerations() throws IOException {
    Path root = dir.resolve("logs");
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : children.toList()) {
        String n = child.getFileName().toString();
        if (n.startsWith(PREFIX) && !n.equals(name(generation))) {
          LOG.info("deleting unfinished or replaced journal generation {}", n);
          deleteRecursively(child);
        }
      }
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    try (Stream<Path> all = Files.walk(p)) {
      for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }

  static String name(long generation) {
    return String.format("%s%020d", PREFIX, generation);
  }

  @Override
  public void close() {
    logs.close();
  }
}
