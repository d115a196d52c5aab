package io.rivulet.analytics.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where snapshots live: {@code <dir>/<account>/<region>/<application>/<snapshot name>/}, handed to
 * the runtime, which writes its savepoint there. Stateless and thread-safe.
 */
final class Snapshots {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private final Path dir;

  Snapshots(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /** Whether ApplicationSnapshotConfiguration.SnapshotsEnabled is true. */
  boolean enabled(Application a) {
    return Boolean.TRUE.equals(Configurations.get(a.configuration(),
        "ApplicationSnapshotConfiguration", "SnapshotsEnabled"));
  }

  Path dir(Application a, String snapshotName) {
    return appDir(a).resolve(snapshotName);
  }

  private Path appDir(Application a) {
    return dir.resolve(a.account()).resolve(a.region()).resolve(a.name());
  }

  /** The name of a snapshot the server takes itself (on stop, update, shutdown). */
  String autoName(String why, long nowMillis) {
    return "rivulet-" + why + "-" + STAMP.format(Instant.ofEpochMilli(nowMillis));
  }

  /** A path the runtime wrote, as stored: relative to the snapshot directory when inside it. */
  String relative(Path written) {
    Path abs = written.toAbsolutePath();
    return abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
  }

  Path resolve(String stored) {
    return stored == null ? null : dir.resolve(stored);
  }

  void deleteAll(Application a) {
    Deletions.deleteTree(appDir(a));
  }
}
