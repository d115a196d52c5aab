package io.rivulet.analytics.flink;

import io.rivulet.analytics.flink.sql.SqlApplicationRuntime;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Analytics runtimes a server runs applications with, all on one {@link FlinkEngine}: the
 * embedded session cluster, or the remote cluster of {@code --flink-cluster}. Nothing starts until
 * the first application does. Stateless; thread-safe.
 */
public final class FlinkRuntimes {
  private FlinkRuntimes() {}

  /**
   * Engine settings for a server: Flink's temporary files under {@code <dataDir>/analytics/
   * flink-tmp} (a fresh temporary directory when the server keeps everything in memory; either
   * way deleted when the engine stops).
   *
   * @param dataDir the server's data directory, or null
   * @param flinkCluster "host:port" of a remote cluster's REST endpoint, or null for the embedded
   * @param clusterJars jars every job submitted to the remote cluster carries
   * @param taskSlots the embedded cluster's task slots
   */
  public static EngineSettings serverSettings(Path dataDir, String flinkCluster,
      List<Path> clusterJars, int taskSlots) {
    Path temp;
    try {
      temp = dataDir != null ? dataDir.resolve("analytics").resolve("flink-tmp")
          : Files.createTempDirectory("rivulet-flink-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory for Flink", e);
    }
    return new EngineSettings(temp, flinkCluster, taskSlots, EngineSettings.DEFAULT_MANAGED_MEMORY,
        clusterJars);
  }

  /** The FLINK-2_2 runtime on {@code engine}: application jars and Flink SQL scripts. */
  public static List<ApplicationRuntime> create(FlinkEngine engine) {
    return List.of(new FlinkJarRuntime(engine));
  }

  /**
   * A server's runtimes on {@code engine}: FLINK-2_2 (application jars and Flink SQL scripts) and
   * SQL-1_0, whose endpoints ({@code sqlSettings}) are asked at every start.
   */
  public static List<ApplicationRuntime> create(FlinkEngine engine,
      Supplier<SqlApplicationRuntime.Settings> sqlSettings) {
    return List.of(new FlinkJarRuntime(engine),
        new SqlApplicationRuntime(SqlApplicationRuntime.engine(engine), sqlSettings));
  }
}
