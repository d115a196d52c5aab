package io.rivulet.analytics.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes directory trees, logging what it cannot delete. Stateless and thread-safe. */
final class Deletions {
  private static final Logger log = LoggerFactory.getLogger(Deletions.class);

  private Deletions() {}

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("could not delete {}: {}", dir, e.toString());
    }
  }
}
