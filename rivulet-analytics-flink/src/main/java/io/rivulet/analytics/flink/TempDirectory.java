package io.rivulet.analytics.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flink's own temporary directory: emptied on start, deleted on stop. Stateless; thread-safe. */
final class TempDirectory {
  private static final Logger log = LoggerFactory.getLogger(TempDirectory.class);

  private TempDirectory() {}

  /** Deletes whatever an earlier run left in {@code directory} and creates it empty. */
  static void reset(Path directory) {
    delete(directory);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create Flink's temporary directory " + directory, e);
    }
  }

  /** Deletes {@code directory} and everything in it; what cannot be deleted is logged. */
  static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(TempDirectory::deleteOne);
    } catch (IOException | UncheckedIOException e) {
      log.warn("could not clean Flink's temporary directory {}: {}", directory, e.toString());
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("could not delete {}: {}", path, e.toString());
    }
  }
}
