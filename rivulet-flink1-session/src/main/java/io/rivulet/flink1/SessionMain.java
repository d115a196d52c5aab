package io.rivulet.flink1;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A Flink 1.x session cluster in one JVM: a {@link MiniCluster} whose REST endpoint binds
 * 127.0.0.1 with jar upload and run enabled, which is all a Flink 1.x job client (or Rivulet's
 * FLINK-1_x runtime) needs. Prints {@code REST <port>} as one line of stdout once it is up, and
 * shuts down when stdin closes (its parent went away) or the process is killed.
 *
 * <p>Arguments: {@code --dir DIR} (its temporary files, required), {@code --port N} (0: any free
 * port), {@code --slots N}, {@code --managed-memory SIZE}. Not thread-safe; one per process.
 */
public final class SessionMain {
  /** The line prefix the parent reads the REST port from. */
  public static final String READY = "REST ";

  private SessionMain() {}

  public static void main(String[] args) throws Exception {
    // before any logger exists: this jar's logging configuration (stderr), under a name that does
    // not shadow another's logback.xml when the jar sits on some other classpath
    System.setProperty("logback.configurationFile", "rivulet-flink1-logback.xml");
    Path dir = null;
    String port = "0";
    int slots = 4;
    String managed = "128m";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--dir" -> dir = Path.of(args[i + 1]).toAbsolutePath();
        case "--port" -> port = args[i + 1];
        case "--slots" -> slots = Integer.parseInt(args[i + 1]);
        case "--managed-memory" -> managed = args[i + 1];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("--dir DIR is required");
    }
    Files.createDirectories(dir);
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(configuration(dir, port, managed))
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(slots)
        .build());
    cluster.start();
    URI rest = cluster.getRestAddress().get(120, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(cluster)));
    System.out.println(READY + rest.getPort());
    System.out.flush();
    waitForEndOfInput(System.in);
    close(cluster);
    System.exit(0);
  }

  /** The cluster's configuration: files under {@code dir}, REST on 127.0.0.1, web submission. */
  static Configuration configuration(Path dir, String port, String managedMemory) {
    Configuration c = new Configuration();
    c.setString("io.tmp.dirs", dir.resolve("io").toString());
    c.setString("web.tmpdir", dir.resolve("web").toString());
    c.setString("web.upload.dir", dir.resolve("uploads").toString());
    c.setString("web.submit.enable", "true");
    c.setString("web.cancel.enable", "true");
    c.setString("blob.storage.directory", dir.resolve("blobs").toString());
    c.setString("rest.bind-address", "127.0.0.1");
    c.setString("rest.address", "127.0.0.1");
    c.setString("rest.bind-port", port);
    c.setString("rest.server.max-content-length", Integer.toString(512 * 1024 * 1024));
    c.setString("taskmanager.memory.managed.size", managedMemory);
    c.setString("taskmanager.memory.network.min", "32m");
    c.setString("taskmanager.memory.network.max", "32m");
    c.setString("metrics.fetcher.update-interval", "1000");
    c.setString("web.refresh-interval", "1000");
    return c;
  }

  private static void waitForEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // the parent writes nothing; only the end of input matters
      }
    } catch (IOException e) {
      // stdin broke: the parent is gone
    }
  }

  private static void close(MiniCluster cluster) {
    try {
      cluster.close();
    } catch (Exception e) {
      // shutting down anyway
    }
  }
}
