package io.rivulet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The put loop of {@code put} and {@code firehose put}: one entry per line of stdin or a file,
 * batched into calls of at most {@code maxEntries} entries and {@code maxBytes} bytes; the
 * entries a call did not take are sent again with back-off, up to {@link #ATTEMPTS} times;
 * progress (records, records/s) on stderr every second unless quiet, and a summary at the end.
 * Not thread-safe.
 *
 * @param <E> the SDK's request entry
 */
final class LineBatcher<E> {
  static final int ATTEMPTS = 8;

  /** One call of the put API. */
  interface Call<E> {
    /** Sends the batch; the error message for each entry it did not take, null for the others. */
    List<String> send(List<E> batch);
  }

  /** Makes the entry of one line (numbered from 1). */
  interface Entries<E> {
    E of(long lineNo, String line);
  }

  /** How many bytes an entry counts for against the batch and entry limits. */
  interface Sizes<E> {
    long of(E entry);
  }

  private final int maxEntries;
  private final long maxBytes;
  private final long maxEntryBytes;
  private final String entryLimit;
  private final Call<E> call;
  private final Sizes<E> sizes;
  private final boolean quiet;
  private final long started = System.nanoTime();
  private long lastReport = started;
  private long put;
  private long failed;
  private boolean midLine; // a progress line was printed without its line end

  /**
   * @param maxEntryBytes larger entries are not sent but counted as failed, with {@code
   *     entryLimit} (e.g. "1,000 KiB") in the message
   */
  LineBatcher(int maxEntries, long maxBytes, long maxEntryBytes, String entryLimit, Sizes<E> sizes,
      Call<E> call, boolean quiet) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.maxEntryBytes = maxEntryBytes;
    this.entryLimit = entryLimit;
    this.sizes = sizes;
    this.call = call;
    this.quiet = quiet;
  }

  /** Reads {@code file} (stdin when null) and puts every line. */
  void run(Path file, Entries<E> entries) throws IOException, InterruptedException {
    try (BufferedReader in = file != null ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
        : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      List<E> batch = new ArrayList<>(maxEntries);
      long bytes = 0;
      long lineNo = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        E entry = entries.of(lineNo, line);
        long size = sizes.of(entry);
        if (size > maxEntryBytes) {
          failed++;
          note(String.format("line %d: %d bytes is over the %s record limit; not sent", lineNo, size, entryLimit));
          continue;
        }
        if (batch.size() == maxEntries || bytes + size > maxBytes) {
          send(batch);
          batch = new ArrayList<>(maxEntries);
          bytes = 0;
        }
        batch.add(entry);
        bytes += size;
      }
      if (!batch.isEmpty()) {
        send(batch);
      }
    }
  }

  /** Prints {@code put N record(s) to TARGET in S s (R records/s)[; F failed]}; the exit code. */
  int summary(String target) {
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    note(String.format("put %d record(s) to %s in %.1f s (%.0f records/s)%s", put, target, seconds,
        put / seconds, failed > 0 ? "; " + failed + " failed" : ""));
    return failed > 0 ? 1 : 0;
  }

  private void send(List<E> batch) throws InterruptedException {
    List<E> pending = batch;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<String> errors = call.send(pending);
      List<E> retry = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        if (errors.get(i) == null) {
          put++;
        } else {
          retry.add(pending.get(i));
        }
      }
      if (!retry.isEmpty() && attempt == ATTEMPTS) {
        failed += retry.size();
        note(String.format("giving up on %d record(s) after %d attempts: %s", retry.size(), ATTEMPTS,
            errors.stream().filter(Objects::nonNull).findFirst().orElseThrow()));
        break;
      }
      if (!retry.isEmpty()) {
        Thread.sleep(Math.min(2000, 50L << attempt));
      }
      pending = retry;
      progress();
    }
  }

  private void progress() {
    long now = System.nanoTime();
    if (!quiet && now - lastReport > 1_000_000_000L) {
      lastReport = now;
      double seconds = (now - started) / 1e9;
      System.err.printf("\r%d record(s), %.0f records/s ", put, put / seconds);
      midLine = true;
    }
  }

  /** One line on stderr, below any progress line. */
  private void note(String line) {
    System.err.println(midLine ? System.lineSeparator() + line : line);
    midLine = false;
  }
}
