package io.rivulet.analytics.flink1;

import io.rivulet.analytics.flink.SavepointPaths;
import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job of a FLINK-1_x application on a {@link Flink1Cluster}, read and driven through the REST
 * API: state, failure cause, metrics, savepoints as snapshots, stop with a savepoint or cancel.
 * Thread-safe.
 */
final class Flink1Job implements RunningApplication {
  private static final Logger log = LoggerFactory.getLogger(Flink1Job.class);

  private final Flink1Cluster cluster;
  private final String id;
  private final String name;
  private volatile JobState lastState = JobState.STARTING;
  private volatile JobMetrics lastMetrics = JobMetrics.NONE;

  Flink1Job(Flink1Cluster cluster, String id, String name) {
    this.cluster = cluster;
    this.id = id;
    this.name = name;
  }

  @Override
  public String jobId() {
    return id;
  }

  /** The state now; when the cluster cannot be asked, the last state it reported. */
  @Override
  public JobState state() {
    try {
      lastState = cluster.rest().reader().state(id);
    } catch (RuntimeFailure e) {
      log.debug("could not read the state of Flink 1.x job {} ({}): {}", id, name, e.getMessage());
    }
    return lastState;
  }

  @Override
  public String failureCause() {
    if (state() != JobState.FAILED) {
      return null;
    }
    try {
      return cluster.rest().rootException(id);
    } catch (RuntimeFailure e) {
      return e.getMessage();
    }
  }

  /** Metrics now; when the cluster cannot be asked, the last ones it reported. */
  @Override
  public JobMetrics metrics() {
    try {
      lastMetrics = cluster.rest().reader().metrics(id);
    } catch (RuntimeFailure e) {
      log.debug("could not read the metrics of Flink 1.x job {} ({}): {}", id, name, e.getMessage());
    }
    return lastMetrics;
  }

  @Override
  public Path snapshot(Path directory) throws RuntimeFailure {
    SavepointPaths.createDirectories(directory);
    return SavepointPaths.localPath(cluster.rest().savepoint(id, directory));
  }

  @Override
  public Path stop(boolean force, Path snapshotDirectory) throws RuntimeFailure {
    if (force) {
      cluster.rest().cancel(id);
      return null;
    }
    SavepointPaths.createDirectories(snapshotDirectory);
    return SavepointPaths.localPath(cluster.rest().stopWithSavepoint(id, snapshotDirectory));
  }

  @Override
  public String toString() {
    return "Flink1Job[" + name + " " + id + "]";
  }
}
