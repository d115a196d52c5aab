package io.rivulet.it.analytics;

import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double of an engine, honest about being one: it runs nothing. A "job" is a counter that
 * the test advances ({@link Job#process}); a snapshot is a file holding the counter, and a job
 * started from a snapshot begins at the saved count, so tests can see what the control plane
 * restored. Start fails with a {@link RuntimeFailure} when the application's SQL or properties
 * contain {@code FAIL}. Thread-safe.
 */
class TestRuntime implements ApplicationRuntime {
  /** Every job started, in order, with the spec and snapshot it was started with. */
  final List<Job> jobs = new CopyOnWriteArrayList<>();
  private final Set<String> environments;
  volatile boolean closed;

  TestRuntime(String... environments) {
    this.environments = Set.of(environments);
  }

  @Override
  public boolean supports(String runtimeEnvironment) {
    return environments.contains(runtimeEnvironment);
  }

  @Override
  public RunningApplication start(ApplicationSpec spec, Path restoreFrom, boolean allowNonRestored)
      throws RuntimeFailure {
    if ((spec.sqlCode() != null && spec.sqlCode().contains("FAIL"))
        || spec.properties().toString().contains("FAIL")) {
      throw new RuntimeFailure("test runtime refused the application: its code says FAIL");
    }
    long from = 0;
    if (restoreFrom != null) {
      try {
        from = Long.parseLong(Files.readString(restoreFrom.resolve("count")).trim());
      } catch (IOException e) {
        throw new RuntimeFailure("cannot read snapshot " + restoreFrom, e);
      }
    }
    Job job = new Job(spec, restoreFrom, from);
    jobs.add(job);
    return job;
  }

  Job last() {
    return jobs.get(jobs.size() - 1);
  }

  @Override
  public void close() {
    closed = true;
  }

  /** One job: RUNNING from the start until stopped. */
  static final class Job implements RunningApplication {
    final ApplicationSpec spec;
    final Path restoredFrom;
    final AtomicLong count;
    volatile JobState state = JobState.RUNNING;
    volatile String failure;
    volatile Boolean stoppedWithForce;

    Job(ApplicationSpec spec, Path restoredFrom, long from) {
      this.spec = spec;
      this.restoredFrom = restoredFrom;
      this.count = new AtomicLong(from);
    }

    void process(long records) {
      count.addAndGet(records);
    }

    void fail(String why) {
      failure = why;
      state = JobState.FAILED;
    }

    @Override
    public String jobId() {
      return Integer.toHexString(System.identityHashCode(this));
    }

    @Override
    public JobState state() {
      return state;
    }

    @Override
    public String failureCause() {
      return failure;
    }

    @Override
    public JobMetrics metrics() {
      return new JobMetrics(count.get(), count.get() / 2, 1, 1_700_000_000_000L);
    }

    @Override
    public Path snapshot(Path directory) {
      try {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("count"), Long.toString(count.get()),
            StandardCharsets.UTF_8);
        return directory;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Path stop(boolean force, Path snapshotDirectory) {
      stoppedWithForce = force;
      Path written = force ? null : snapshot(snapshotDirectory);
      state = JobState.CANCELED;
      return written;
    }
  }
}
