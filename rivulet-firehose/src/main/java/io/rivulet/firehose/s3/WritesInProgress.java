package io.rivulet.firehose.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects the embedded S3 server is writing right now, so that the temporary files of those
 * writes neither show in listings nor outlive a crash.
 *
 * <p>jclouds' filesystem store writes an object {@code <key>} to {@code <key>-<random uuid>} in
 * the same directory, then renames it over the key. While it writes, that file is listed like
 * an object; after a SIGKILL it stays (partly written, or whole but never renamed). A name alone
 * cannot tell such a file from an object whose key happens to end in a UUID, so each write is
 * recorded while it runs: in memory (listings hide {@code <key>-<uuid>} of a key being written,
 * and such names whose file is gone by the time the listing is filtered) and as a marker file in {@value #DIRECTORY} under the store's base directory, one per write,
 * holding the bucket and key. {@link #recover} runs before the server starts: for each marker
 * left by a process that died mid-write it deletes that key's {@code <key>-<uuid>} files, then
 * the marker. Markers are not fsynced: a SIGKILL keeps them (the kernel has them), a power loss
 * may leave a temporary file without its marker, which then stays. Thread-safe.
 */
final class WritesInProgress {
  /** The marker directory under the base directory; hidden from bucket listings. */
  static final String DIRECTORY = ".rivulet-writes";
  private static final Logger log = LoggerFactory.getLogger(WritesInProgress.class);
  /** {@code -} and a UUID as {@link UUID#toString} writes it: what jclouds appends to a key. */
  private static final Pattern TEMP_SUFFIX =
      Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int TEMP_SUFFIX_LENGTH = 37;

  private final Path base;
  private final Path markers;
  private final Map<String, Integer> running = new ConcurrentHashMap<>();

  private WritesInProgress(Path base, Path markers) {
    this.base = base;
    this.markers = markers;
  }

  /**
   * Cleans what writes interrupted by a crash left under {@code base}, then tracks new writes.
   */
  static WritesInProgress recover(Path base) {
    Path markers = base.resolve(DIRECTORY);
    try {
      Files.createDirectories(markers);
      int removed = 0;
      try (DirectoryStream<Path> all = Files.newDirectoryStream(markers)) {
        for (Path marker : all) {
          removed += removeTemporaryFiles(base, marker);
          Files.deleteIfExists(marker);
        }
      }
      if (removed > 0) {
        log.info("removed {} partly written S3 object file(s) left by an interrupted write",
            removed);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover the S3 directory " + base, e);
    }
    return new WritesInProgress(base, markers);
  }

  /** The {@code <key>-<uuid>} files of the write the marker records; how many were deleted. */
  private static int removeTemporaryFiles(Path base, Path marker) throws IOException {
    List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
    if (lines.size() != 2 || lines.get(0).isEmpty() || lines.get(1).isEmpty()) {
      return 0; // cut short by the crash before the key was written: its file is not begun
    }
    Path bucket = base.resolve(lines.get(0)).normalize();
    Path target = bucket.resolve(lines.get(1)).normalize();
    if (!bucket.startsWith(base.normalize()) || !target.startsWith(bucket)
        || target.equals(bucket) || !Files.isDirectory(target.getParent())) {
      return 0;
    }
    String name = target.getFileName().toString();
    int removed = 0;
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent())) {
      for (Path p : siblings) {
        String sibling = p.getFileName().toString();
        if (sibling.length() == name.length() + TEMP_SUFFIX_LENGTH && sibling.startsWith(name)
            && TEMP_SUFFIX.matcher(sibling).region(name.length(), sibling.length()).matches()
            && Files.isRegularFile(p)) {
          Files.delete(p);
          removed++;
        }
      }
    }
    return removed;
  }

  /** A write being made; {@link #close} when it has ended, whichever way. */
  interface Write {
    void close();
  }

  /** Records that {@code key} of {@code bucket} is being written, until the returned close. */
  Write begin(String bucket, String key) {
    String id = bucket + "/" + key;
    Path marker = markers.resolve(UUID.randomUUID().toString());
    try {
      Files.write(marker, (bucket + "\n" + key).getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record an S3 write in " + markers, e);
    }
    running.merge(id, 1, Integer::sum);
    return () -> {
      running.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
      try {
        Files.deleteIfExists(marker);
      } catch (IOException e) {
        log.warn("cannot remove the S3 write marker {}", marker, e);
      }
    };
  }

  /**
   * Whether {@code name}, which a listing of {@code bucket} read, is the temporary file of a
   * write: one of a key being written, or a file gone by now (a listing that read the directory
   * just before a write renamed its file; also an object deleted meanwhile, rightly left out too).
   * The order of the checks matters: a write ends only after its file is renamed.
   */
  boolean isTemporary(String bucket, String name) {
    int key = name.length() - TEMP_SUFFIX_LENGTH;
    if (key <= 0 || !TEMP_SUFFIX.matcher(name).region(key, name.length()).matches()) {
      return false;
    }
    return running.containsKey(bucket + "/" + name.substring(0, key))
        || !Files.exists(base.resolve(bucket).resolve(name));
  }
}
