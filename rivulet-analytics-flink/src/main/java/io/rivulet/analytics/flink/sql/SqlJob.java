package io.rivulet.analytics.flink.sql;

import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.util.ExceptionUtils;

/**
 * A submitted SQL-1_0 application's Flink job, controlled through its JobClient (state, failure,
 * savepoints, stop, cancel). Thread-safe: JobClient calls are.
 */
final class SqlJob implements RunningApplication {
  private static final long TIMEOUT_SECONDS = 60;
  private final JobClient client;

  SqlJob(JobClient client) {
    this.client = client;
  }

  @Override
  public String jobId() {
    return client.getJobID().toHexString();
  }

  @Override
  public JobState state() {
    JobStatus status;
    try {
      status = client.getJobStatus().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JobState.STARTING;
    } catch (ExecutionException | TimeoutException e) {
      return failureCause() != null ? JobState.FAILED : JobState.STARTING;
    }
    return switch (status) {
      case INITIALIZING, CREATED, RECONCILING -> JobState.STARTING;
      case RUNNING, RESTARTING, SUSPENDED -> JobState.RUNNING;
      case FINISHED -> JobState.FINISHED;
      case FAILING, FAILED -> JobState.FAILED;
      case CANCELLING, CANCELED -> JobState.CANCELED;
    };
  }

  @Override
  public String failureCause() {
    var result = client.getJobExecutionResult();
    if (!result.isDone() || !result.isCompletedExceptionally()) {
      return null;
    }
    try {
      result.getNow(null);
      return null;
    } catch (RuntimeException e) {
      Throwable root = ExceptionUtils.stripCompletionException(e);
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return String.valueOf(root.getMessage());
    }
  }

  @Override
  public JobMetrics metrics() {
    return JobMetrics.NONE;
  }

  @Override
  public Path snapshot(Path directory) throws RuntimeFailure {
    return path(await(client.triggerSavepoint(
        directory.toUri().toString(), SavepointFormatType.CANONICAL), "snapshot"));
  }

  @Override
  public Path stop(boolean force, Path snapshotDirectory) throws RuntimeFailure {
    if (force) {
      await(client.cancel(), "cancel");
      return null;
    }
    return path(await(client.stopWithSavepoint(false,
        snapshotDirectory.toUri().toString(), SavepointFormatType.CANONICAL), "stop"));
  }

  private static Path path(String savepoint) {
    return savepoint.startsWith("file:") ? Path.of(java.net.URI.create(savepoint))
        : Path.of(savepoint);
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> f, String what)
      throws RuntimeFailure {
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure(what + " interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new RuntimeFailure(what + " failed: " + ExceptionUtils.stripExecutionException(e)
          .getMessage(), e);
    }
  }
}
