package io.rivulet.analytics.flink1;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the FLINK-1_x runtime runs jobs. Immutable.
 *
 * @param home the directory holding {@code rivulet-flink1-session-*.jar} and its {@code lib/}
 *     (the session module's build output), or null when unknown
 * @param remoteCluster "host:port" of a remote Flink 1.x cluster's REST endpoint, or null for the
 *     child session cluster
 * @param workDirectory the runtime's own files: the child's temporary files, each application's
 *     properties file and prepared jar, the child's log
 * @param taskSlots the child cluster's task slots
 */
public record Flink1Settings(Path home, String remoteCluster, Path workDirectory, int taskSlots) {
  /** The heap of the child session JVM. */
  public static final String CHILD_HEAP = "-Xmx768m";

  public Flink1Settings {
    if (taskSlots < 1) {
      throw new IllegalArgumentException("task slots must be at least 1, not " + taskSlots);
    }
    if (remoteCluster != null && !remoteCluster.matches("[^:/\\s]+:\\d{1,5}")) {
      throw new IllegalArgumentException("expected HOST:PORT, not " + remoteCluster);
    }
  }

  /**
   * Settings for a server: the runtime's files under {@code <dataDir>/analytics/flink1} (a fresh
   * temporary directory when the server keeps everything in memory), the session jars from {@code
   * home} or, when null, {@link #defaultHome()}.
   *
   * @throws IllegalArgumentException when {@code remoteCluster} is not HOST:PORT
   */
  public static Flink1Settings forServer(Path dataDir, Path home, String remoteCluster,
      int taskSlots) {
    Path work;
    try {
      work = dataDir != null ? dataDir.resolve("analytics").resolve("flink1")
          : Files.createTempDirectory("rivulet-flink1-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not create a directory for FLINK-1_x", e);
    }
    return new Flink1Settings(home != null ? home : defaultHome(), remoteCluster, work, taskSlots);
  }

  /** True when jobs go to a remote cluster. */
  public boolean isRemote() {
    return remoteCluster != null;
  }

  /**
   * The default home: {@code rivulet-flink1-session/target} of the source tree the running classes
   * were built in (found by walking up from where this class was loaded), or null when there is
   * none (e.g. a server installed without its source tree).
   */
  public static Path defaultHome() {
    Path from;
    try {
      from = Path.of(Flink1Settings.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI()).toAbsolutePath();
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
    for (Path dir = from; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("rivulet-flink1-session").resolve("target");
      if (Files.isDirectory(candidate.resolve("lib"))) {
        return candidate;
      }
    }
    return null;
  }
}
