package io.rivulet.analytics.flink;

import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.nio.file.Path;
import org.apache.flink.api.common.JobID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Flink job on a {@link FlinkEngine}'s cluster, as the control plane sees an application: its
 * state, failure cause and metrics (read from the REST API), savepoints as snapshots, stop with or
 * without a savepoint. Thread-safe (the cluster serializes operations on a job).
 */
public final class FlinkJob implements RunningApplication {
  private static final Logger log = LoggerFactory.getLogger(FlinkJob.class);

  private final FlinkEngine engine;
  private final JobID id;
  private final String name;
  private volatile Path workDirectory; // deleted once the job is stopped; null: none
  private volatile JobState lastState = JobState.STARTING;
  private volatile JobMetrics lastMetrics = JobMetrics.NONE;

  FlinkJob(FlinkEngine engine, JobID id, String name) {
    this.engine = engine;
    this.id = id;
    this.name = name;
  }

  /** The Flink job id. */
  public JobID flinkJobId() {
    return id;
  }

  /** Deletes {@code directory} (the application's work files) once the job is stopped. */
  FlinkJob withWorkDirectory(Path directory) {
    this.workDirectory = directory;
    return this;
  }

  /** The job's name (the application's). */
  public String name() {
    return name;
  }

  @Override
  public String jobId() {
    return id.toHexString();
  }

  /** The state now; when the cluster cannot be asked, the last state it reported. */
  @Override
  public JobState state() {
    try {
      lastState = engine.reader().state(jobId());
    } catch (RuntimeFailure e) {
      log.debug("could not read the state of Flink job {} ({}): {}", id, name, e.getMessage());
    }
    return lastState;
  }

  @Override
  public String failureCause() {
    if (state() != JobState.FAILED) {
      return null;
    }
    try {
      return engine.failureCause(id);
    } catch (RuntimeFailure e) {
      return e.getMessage();
    }
  }

  /** Metrics now; when the cluster cannot be asked, the last ones it reported. */
  @Override
  public JobMetrics metrics() {
    try {
      lastMetrics = engine.reader().metrics(jobId());
    } catch (RuntimeFailure e) {
      log.debug("could not read the metrics of Flink job {} ({}): {}", id, name, e.getMessage());
    }
    return lastMetrics;
  }

  @Override
  public Path snapshot(Path directory) throws RuntimeFailure {
    SavepointPaths.createDirectories(directory);
    return SavepointPaths.localPath(engine.savepoint(id, directory));
  }

  @Override
  public Path stop(boolean force, Path snapshotDirectory) throws RuntimeFailure {
    if (force) {
      engine.cancel(id);
      deleteWorkDirectory();
      return null;
    }
    SavepointPaths.createDirectories(snapshotDirectory);
    Path savepoint = SavepointPaths.localPath(engine.stopWithSavepoint(id, snapshotDirectory));
    deleteWorkDirectory();
    return savepoint;
  }

  private void deleteWorkDirectory() {
    Path directory = workDirectory;
    if (directory != null) {
      workDirectory = null;
      TempDirectory.delete(directory);
    }
  }

  /** Waits up to {@code timeoutMillis} for the job to be in {@code wanted}; returns its state. */
  public JobState awaitState(JobState wanted, long timeoutMillis) throws RuntimeFailure {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    JobState state = state();
    while (state != wanted && System.nanoTime() < deadline) {
      if (state == JobState.FAILED || state == JobState.CANCELED
          || (state == JobState.FINISHED && wanted != JobState.FINISHED)) {
        break;
      }
      FlinkEngine.sleep(50);
      state = state();
    }
    return state;
  }

  @Override
  public String toString() {
    return "FlinkJob[" + name + " " + id + "]";
  }
}
