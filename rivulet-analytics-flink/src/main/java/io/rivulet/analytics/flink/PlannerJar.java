package io.rivulet.analytics.flink;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars Flink extracts into {@code java.io.tmpdir} whatever its configuration says: the table
 * planner ({@code flink-table-planner_<uuid>.jar}, 46 MB, once per JVM that creates a
 * TableEnvironment) and, for clients that load the RPC system without a configuration, {@code
 * flink-rpc-akka_<uuid>.jar}. Flink deletes them only at a normal JVM exit, so every killed process
 * leaves one behind. The planner's copy cannot be moved (its directory is fixed when Flink's {@code
 * CoreOptions} class loads) nor deleted while its JVM runs (its class loader opens it again), so
 * {@link #sweepStale} deletes, on Linux, those no process has open that are older than a minute.
 * Stateless; thread-safe.
 */
final class PlannerJar {
  private static final Logger log = LoggerFactory.getLogger(PlannerJar.class);
  private static final Duration MIN_AGE = Duration.ofMinutes(1);

  private PlannerJar() {}

  /** Deletes stale extracted Flink jars from {@code java.io.tmpdir}; returns how many. */
  static int sweepStale() {
    return sweepStale(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** Deletes stale extracted Flink jars from {@code tmp}; returns how many. */
  static int sweepStale(Path tmp) {
    Path proc = Path.of("/proc");
    if (!Files.isDirectory(proc.resolve("self/fd"))) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(tmp,
        "{flink-table-planner_,flink-rpc-akka_}*.jar")) {
      Set<Path> candidates = new HashSet<>();
      for (Path jar : jars) {
        if (Files.getLastModifiedTime(jar).toInstant().isBefore(Instant.now().minus(MIN_AGE))) {
          candidates.add(jar.toAbsolutePath());
        }
      }
      if (candidates.isEmpty()) {
        return 0;
      }
      Set<Path> inUse = openFiles(proc, candidates);
      for (Path jar : candidates) {
        if (!inUse.contains(jar) && Files.deleteIfExists(jar)) {
          deleted++;
        }
      }
    } catch (IOException | RuntimeException e) {
      log.debug("could not sweep Flink's extracted jars from {}: {}", tmp, e.toString());
    }
    if (deleted > 0) {
      log.info("deleted {} jar(s) Flink had extracted into {} in earlier runs", deleted, tmp);
    }
    return deleted;
  }

  /**
   * Which of {@code candidates} some process has open. A candidate whose owner also owns a process
   * whose open files cannot be listed counts as open: it might be that process's.
   */
  private static Set<Path> openFiles(Path proc, Set<Path> candidates) throws IOException {
    Set<Path> open = new HashSet<>();
    Set<UserPrincipal> unknownOwners = new HashSet<>();
    try (Stream<Path> processes = Files.list(proc)) {
      for (Path process : (Iterable<Path>) processes::iterator) {
        if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
          fds.forEach(fd -> {
            try {
              Path target = Files.readSymbolicLink(fd);
              if (candidates.contains(target)) {
                open.add(target);
              }
            } catch (IOException ignored) {
              // closed meanwhile
            }
          });
        } catch (IOException e) {
          try {
            unknownOwners.add(Files.getOwner(process, LinkOption.NOFOLLOW_LINKS));
          } catch (IOException gone) {
            // the process ended
          }
        }
      }
    }
    for (Path jar : candidates) {
      if (unknownOwners.contains(Files.getOwner(jar))) {
        open.add(jar);
      }
    }
    return open;
  }
}
