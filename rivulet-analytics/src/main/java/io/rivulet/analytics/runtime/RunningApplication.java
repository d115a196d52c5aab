package io.rivulet.analytics.runtime;

import java.nio.file.Path;

/** One submitted application job. Implementations are thread-safe. */
public interface RunningApplication {

  /** The engine's job id (a Flink JobID in hex). */
  String jobId();

  /** The job's state now. */
  JobState state();

  /** Why the job failed (the root cause's message), or null when it has not failed. */
  String failureCause();

  /** Counters and the last checkpoint, as of now. */
  JobMetrics metrics();

  /**
   * Writes a snapshot (a Flink savepoint) of the running job under {@code directory} and returns
   * the directory that holds it, which {@link ApplicationRuntime#start} accepts as restoreFrom.
   */
  Path snapshot(Path directory) throws RuntimeFailure;

  /**
   * Stops the job. Unless {@code force}, first takes a snapshot under {@code snapshotDirectory}
   * (stop-with-savepoint) and returns where it is; with {@code force}, cancels at once and
   * returns null.
   */
  Path stop(boolean force, Path snapshotDirectory) throws RuntimeFailure;

  /** The states the control plane maps to application statuses. */
  enum JobState { STARTING, RUNNING, FINISHED, FAILED, CANCELED }

  /**
   * Records read from the application's inputs and written to its outputs, checkpoints completed,
   * and when the last one completed (epoch millis, 0 when none).
   */
  record JobMetrics(long recordsIn, long recordsOut, long checkpoints, long lastCheckpointMillis) {
    public static final JobMetrics NONE = new JobMetrics(0, 0, 0, 0);
  }
}
