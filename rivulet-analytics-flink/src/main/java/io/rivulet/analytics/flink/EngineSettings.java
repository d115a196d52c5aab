package io.rivulet.analytics.flink;

import java.nio.file.Path;
import java.util.List;

/**
 * How a {@link FlinkEngine} runs: where Flink's temporary files go, and either the embedded session
 * MiniCluster's size or the address of a remote cluster's REST endpoint. Immutable, so
 * thread-safe.
 *
 * @param tempDirectory Flink's own temporary directory (RPC and planner jars, blobs, uploaded jars,
 *     spill files, per-application work files); emptied on start and deleted on stop
 * @param remoteCluster "host:port" of a remote Flink cluster's REST endpoint, or null to run the
 *     embedded MiniCluster
 * @param taskSlots task slots of the embedded cluster (each application's job takes as many slots
 *     as its parallelism)
 * @param managedMemory the embedded cluster's managed memory, e.g. "64m" (RocksDB, batch sorts)
 * @param remoteJars jars shipped with every job submitted to the remote cluster (for instance the
 *     Rivulet connector's jar for Flink SQL applications; the embedded cluster has them on its
 *     class path already)
 */
public record EngineSettings(
    Path tempDirectory, String remoteCluster, int taskSlots, String managedMemory,
    List<Path> remoteJars) {

  /** Slots of the embedded cluster unless told otherwise: enough for a handful of applications. */
  public static final int DEFAULT_TASK_SLOTS = 16;
  /** Managed memory of the embedded cluster unless told otherwise. */
  public static final String DEFAULT_MANAGED_MEMORY = "64m";

  public EngineSettings {
    if (tempDirectory == null) {
      throw new IllegalArgumentException("Flink needs a temporary directory");
    }
    if (taskSlots < 1) {
      throw new IllegalArgumentException("task slots must be at least 1, not " + taskSlots);
    }
    if (remoteCluster != null) {
      parseHostPort(remoteCluster);
    }
    managedMemory = managedMemory == null ? DEFAULT_MANAGED_MEMORY : managedMemory;
    remoteJars = remoteJars == null ? List.of() : List.copyOf(remoteJars);
  }

  /** The embedded MiniCluster with default size, its temporary files under {@code tempDirectory}. */
  public static EngineSettings embedded(Path tempDirectory) {
    return new EngineSettings(tempDirectory, null, DEFAULT_TASK_SLOTS, DEFAULT_MANAGED_MEMORY, null);
  }

  /** A remote cluster whose REST endpoint is {@code hostPort} ("host:port"). */
  public static EngineSettings remote(String hostPort, Path tempDirectory, List<Path> jars) {
    return new EngineSettings(tempDirectory, hostPort, DEFAULT_TASK_SLOTS, DEFAULT_MANAGED_MEMORY,
        jars);
  }

  public EngineSettings withTaskSlots(int slots) {
    return new EngineSettings(tempDirectory, remoteCluster, slots, managedMemory, remoteJars);
  }

  /** True when jobs go to a remote cluster rather than the embedded one. */
  public boolean isRemote() {
    return remoteCluster != null;
  }

  /**
   * Splits "host:port" (an IPv6 host in brackets), checking the port.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static HostPort parseHostPort(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException(
          "a Flink cluster is host:port (its REST endpoint, e.g. 127.0.0.1:8081), not " + hostPort);
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in Flink cluster address " + hostPort);
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("bad port in Flink cluster address " + hostPort);
    }
    return new HostPort(host, port);
  }

  /** A host and a port. */
  record HostPort(String host, int port) {}
}
