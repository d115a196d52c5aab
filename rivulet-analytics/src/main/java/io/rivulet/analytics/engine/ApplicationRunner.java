package io.rivulet.analytics.engine;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RunningApplication.JobMetrics;
import io.rivulet.analytics.runtime.RunningApplication.JobState;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, stops, restarts and snapshots application jobs on the first {@link ApplicationRuntime}
 * that supports an application's runtime environment, on worker threads, and moves statuses and
 * operations as the jobs go: STARTING until the job runs (then RUNNING, the operation
 * SUCCESSFUL), READY with the operation FAILED when no runtime supports the environment or the
 * runtime refuses the job. Thread-safe: state changes happen under the engine's lock, runtime
 * calls outside it.
 */
public final class ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(ApplicationRunner.class);
  private static final Set<String> STARTING_STATES = Set.of("STARTING", "UPDATING", "ROLLING_BACK");
  private static final Set<String> STOPPING_STATES = Set.of("STOPPING", "FORCE_STOPPING");
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final AnalyticsEngine engine;
  private final List<ApplicationRuntime> runtimes;
  private final Snapshots snapshots;
  private final CodeStore code;
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "analytics-runner-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  ApplicationRunner(AnalyticsEngine engine, List<ApplicationRuntime> runtimes, Path snapshotDir,
      CodeStore code) {
    this.engine = engine;
    this.runtimes = List.copyOf(runtimes);
    this.snapshots = new Snapshots(snapshotDir);
    this.code = code;
  }

  Snapshots snapshots() {
    return snapshots;
  }

  /** A job as /metrics and the console show it: null state when the application has no job. */
  public record JobView(Application application, String jobId, JobState state, JobMetrics metrics) {}

  JobView view(Entry e) {
    RunningApplication job = e.running;
    if (job == null) {
      return new JobView(e.current, null, null, JobMetrics.NONE);
    }
    try {
      return new JobView(e.current, job.jobId(), job.state(), job.metrics());
    } catch (RuntimeException ex) {
      return new JobView(e.current, job.jobId(), null, JobMetrics.NONE);
    }
  }

  /** StartApplication: READY → STARTING; the job is submitted on a worker. */
  public String start(String account, String region, String name, Map<String, Object> runConfig) {
    synchronized (engine) {
      Entry e = engine.entryLocked(account, region, name);
      if (!e.current.status().equals(AnalyticsEngine.READY)) {
        throw AnalyticsError.RESOURCE_IN_USE.with("Application " + name + " is in "
            + e.current.status() + " status; it must be READY to be started.");
      }
      Map<String, Object> run = runConfiguration(e.current, runConfig);
      Path restore = restorePathLocked(e, run);
      e.current = e.current.withRunConfiguration(run).withStatus("STARTING");
      OperationRecord op = engine.newOperation(e, "StartApplication", null, null);
      engine.saveLocked(e);
      Application version = e.current;
      boolean allow = allowNonRestoredState(version);
      workers.execute(() -> runStart(e, op, version, restore, allow));
      return op.id();
    }
  }

  /** The RunConfiguration stored for a start: AWS's defaults filled in for Flink applications. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> runConfiguration(Application a, Map<String, Object> given) {
    Map<String, Object> run = Configurations.copyMap(given);
    if (a.isFlink()) {
      Map<String, Object> restore = (Map<String, Object>) run.computeIfAbsent(
          "ApplicationRestoreConfiguration", k -> new LinkedHashMap<>());
      restore.putIfAbsent("ApplicationRestoreType", "RESTORE_FROM_LATEST_SNAPSHOT");
      Map<String, Object> flink = (Map<String, Object>) run.computeIfAbsent(
          "FlinkRunConfiguration", k -> new LinkedHashMap<>());
      flink.putIfAbsent("AllowNonRestoredState", false);
    }
    return run;
  }

  private static boolean allowNonRestoredState(Application a) {
    return a.runConfiguration() != null && Boolean.TRUE.equals(
        Configurations.get(a.runConfiguration(), "FlinkRunConfiguration", "AllowNonRestoredState"));
  }

  /** The snapshot to restore from, or null; unknown custom snapshots are InvalidArgumentException. */
  private Path restorePathLocked(Entry e, Map<String, Object> run) {
    Object type = Configurations.get(run, "ApplicationRestoreConfiguration", "ApplicationRestoreType");
    if (type == null || type.equals("SKIP_RESTORE_FROM_SNAPSHOT")) {
      return null;
    }
    if (type.equals("RESTORE_FROM_LATEST_SNAPSHOT")) {
      SnapshotRecord latest = e.latestSnapshot();
      return latest == null ? null : snapshots.resolve(latest.path());
    }
    Object name = Configurations.get(run, "ApplicationRestoreConfiguration", "SnapshotName");
    if (name == null) {
      throw AnalyticsError.INVALID_ARGUMENT.with(
          "SnapshotName is required when ApplicationRestoreType is RESTORE_FROM_CUSTOM_SNAPSHOT.");
    }
    SnapshotRecord s = e.snapshot(name.toString());
    if (s == null || !"READY".equals(s.status())) {
      throw AnalyticsError.INVALID_ARGUMENT.with("Snapshot " + name + " does not exist or is not"
          + " READY for application " + e.current.name() + ".");
    }
    return snapshots.resolve(s.path());
  }

  /** Submits a job for {@code version}; {@code op} (null when resuming after a restart) ends with it. */
  private void runStart(Entry e, OperationRecord op, Application version, Path restore,
      boolean allowNonRestored) {
    String env = version.runtimeEnvironment();
    ApplicationRuntime runtime =
        runtimes.stream().filter(r -> r.supports(env)).findFirst().orElse(null);
    if (runtime == null) {
      failStart(e, op, "No runtime for " + env + " is available on this server"
          + (runtimes.isEmpty() ? " (no application runtimes are configured)." : "."));
      return;
    }
    RunningApplication job;
    try {
      job = runtime.start(spec(version), restore, allowNonRestored);
    } catch (RuntimeFailure ex) {
      failStart(e, op, ex.getMessage());
      return;
    } catch (RuntimeException ex) {
      log.error("runtime failed to start application {}", version.arn(), ex);
      failStart(e, op, "The application could not be started: " + ex);
      return;
    }
    boolean keep;
    synchronized (engine) {
      keep = !e.deleted && STARTING_STATES.contains(e.current.status());
      if (keep) {
        e.running = job;
        refreshLocked(e);
        engine.saveLocked(e);
      }
    }
    if (!keep) {
      cancel(job, version);
      synchronized (engine) {
        if (op != null) {
          e.replace(e.operation(op.id()).ended(OperationRecord.CANCELLED, engine.now(), null));
        }
        finishStopLocked(e);
      }
    }
  }

  private void failStart(Entry e, OperationRecord op, String reason) {
    log.warn("application {} did not start: {}", e.current.arn(), reason);
    synchronized (engine) {
      if (op != null) {
        e.replace(e.operation(op.id()).ended(OperationRecord.FAILED, engine.now(), reason));
      }
      if (STOPPING_STATES.contains(e.current.status())) {
        finishStopLocked(e);
      } else {
        e.current = e.current.withStatus(AnalyticsEngine.READY);
        engine.saveLocked(e);
      }
    }
  }

  /** The stop in progress ends: READY, its operation SUCCESSFUL; the caller holds the lock. */
  private void finishStopLocked(Entry e) {
    e.running = null;
    e.current = e.current.withStatus(AnalyticsEngine.READY);
    for (OperationRecord o : List.copyOf(e.operations)) {
      if (o.inProgress() && o.operation().equals("StopApplication")) {
        e.replace(o.ended(OperationRecord.SUCCESSFUL, engine.now(), null));
      }
    }
    engine.saveLocked(e);
  }

  ApplicationSpec spec(Application a) {
    Object text = Configurations.get(a.configuration(), "ApplicationCodeConfiguration",
        "CodeContent", "TextContent");
    Map<String, Map<String, String>> properties = new LinkedHashMap<>();
    if (Configurations.get(a.configuration(), "EnvironmentProperties", "PropertyGroups")
        instanceof List<?> groups) {
      for (Object g : groups) {
        Map<?, ?> group = (Map<?, ?>) g;
        Map<String, String> values = new LinkedHashMap<>();
        if (group.get("PropertyMap") instanceof Map<?, ?> pm) {
          pm.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        }
        properties.put(String.valueOf(group.get("PropertyGroupId")), Map.copyOf(values));
      }
    }
    return new ApplicationSpec(a.name(), a.arn(), a.account(), a.region(), a.runtimeEnvironment(),
        a.versionId(), withStartingPositions(a), text instanceof String s ? s : null, code.path(a),
        properties, Descriptions.parallelism(a));
  }

  /**
   * The configuration with each SQL input's InputStartingPositionConfiguration from the start's
   * SqlRunConfigurations (matched by InputId) put into the input, where runtimes read it.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withStartingPositions(Application a) {
    if (!(a.runConfiguration().get("SqlRunConfigurations") instanceof List<?> runs)
        || !(Configurations.get(a.configuration(), "SqlApplicationConfiguration", "Inputs")
            instanceof List<?> inputs)) {
      return a.configuration();
    }
    Map<String, Object> positions = new LinkedHashMap<>();
    for (Object r : runs) {
      if (r instanceof Map<?, ?> run && run.get("InputStartingPositionConfiguration") != null) {
        positions.put(String.valueOf(run.get("InputId")), run.get("InputStartingPositionConfiguration"));
      }
    }
    if (positions.isEmpty()) {
      return a.configuration();
    }
    List<Object> newInputs = new ArrayList<>();
    for (Object i : inputs) {
      Map<String, Object> input = new LinkedHashMap<>((Map<String, Object>) i);
      Object position = positions.get(String.valueOf(input.get("InputId")));
      if (position != null) {
        input.put("InputStartingPositionConfiguration", position);
      }
      newInputs.add(input);
    }
    Map<String, Object> sql = new LinkedHashMap<>(
        (Map<String, Object>) a.configuration().get("SqlApplicationConfiguration"));
    sql.put("Inputs", newInputs);
    Map<String, Object> configuration = new LinkedHashMap<>(a.configuration());
    configuration.put("SqlApplicationConfiguration", sql);
    return configuration;
  }

  /** Moves the status after the job's state; the caller holds the lock. */
  void refreshLocked(Entry e) {
    RunningApplication job = e.running;
    String status = e.current.status();
    if (job == null || STOPPING_STATES.contains(status)) {
      return;
    }
    JobState state;
    try {
      state = job.state();
    } catch (RuntimeException ex) {
      log.warn("cannot read the job state of {}: {}", e.current.arn(), ex.toString());
      return;
    }
    OperationRecord op = startingOperation(e);
    if (state == JobState.RUNNING && STARTING_STATES.contains(status)) {
      e.current = e.current.withStatus(AnalyticsEngine.RUNNING);
      if (op != null) {
        e.replace(op.ended(OperationRecord.SUCCESSFUL, engine.now(), null));
      }
      engine.saveLocked(e);
    } else if (state == JobState.FAILED || state == JobState.FINISHED || state == JobState.CANCELED) {
      String cause = state == JobState.FAILED ? failureCause(job) : null;
      e.running = null;
      e.current = e.current.withStatus(AnalyticsEngine.READY);
      if (op != null) {
        e.replace(op.ended(state == JobState.FAILED ? OperationRecord.FAILED
            : OperationRecord.SUCCESSFUL, engine.now(), cause));
      }
      if (cause != null) {
        log.warn("application {} job {} failed: {}", e.current.arn(), job.jobId(), cause);
      }
      engine.saveLocked(e);
    }
  }

  private static String failureCause(RunningApplication job) {
    String cause = job.failureCause();
    return cause == null ? "The application's job failed." : cause;
  }

  private static OperationRecord startingOperation(Entry e) {
    for (int i = e.operations.size() - 1; i >= 0; i--) {
      OperationRecord o = e.operations.get(i);
      if (o.inProgress() && !o.operation().equals("StopApplication")) {
        return o;
      }
    }
    return null;
  }

  /** StopApplication: RUNNING → STOPPING (with Force: most states → FORCE_STOPPING). */
  public String stop(String account, String region, String name, boolean force) {
    synchronized (engine) {
      Entry e = engine.entryLocked(account, region, name);
      String status = e.current.status();
      if (force && e.current.isSql()) {
        throw AnalyticsError.INVALID_ARGUMENT.with("Force stop is not supported for SQL applications.");
      }
      Set<String> allowed = force
          ? Set.of("STARTING", "UPDATING", "STOPPING", "AUTOSCALING", "RUNNING", "ROLLING_BACK")
          : Set.of("RUNNING");
      if (!allowed.contains(status)) {
        throw AnalyticsError.RESOURCE_IN_USE.with("Application " + name + " is in " + status
            + " status; it cannot be stopped" + (force ? "." : " unless RUNNING (use Force)."));
      }
      OperationRecord op = engine.newOperation(e, "StopApplication", null, null);
      e.current = e.current.withStatus(force ? "FORCE_STOPPING" : "STOPPING");
      engine.saveLocked(e);
      RunningApplication job = e.running;
      if (job != null) {
        Application version = e.current;
        workers.execute(() -> runStop(e, job, version, force));
      }
      return op.id();
    }
  }

  private void runStop(Entry e, RunningApplication job, Application version, boolean force) {
    boolean takeSnapshot = !force && snapshots.enabled(version);
    String snapshotName = takeSnapshot ? snapshots.autoName("stop", engine.now()) : null;
    try {
      Path written = job.stop(!takeSnapshot, takeSnapshot ? snapshots.dir(version, snapshotName) : null);
      if (takeSnapshot && written != null) {
        recordSnapshot(e, version, snapshotName, written);
      }
    } catch (RuntimeFailure | RuntimeException ex) {
      log.warn("stopping {} with a snapshot failed ({}); cancelling it", version.arn(), ex.toString());
      cancel(job, version);
    }
    synchronized (engine) {
      for (OperationRecord o : List.copyOf(e.operations)) {
        if (o.inProgress() && !o.operation().equals("StopApplication")) {
          e.replace(o.ended(OperationRecord.CANCELLED, engine.now(), null));
        }
      }
      finishStopLocked(e);
    }
  }

  private void recordSnapshot(Entry e, Application version, String name, Path written) {
    synchronized (engine) {
      e.replace(new SnapshotRecord(name, "READY", version.versionId(), engine.now(),
          version.runtimeEnvironment(), snapshots.relative(written), null));
      engine.saveLocked(e);
    }
  }

  private static void cancel(RunningApplication job, Application version) {
    try {
      job.stop(true, null);
    } catch (RuntimeFailure | RuntimeException ex) {
      log.warn("cancelling the job of {} failed: {}", version.arn(), ex.toString());
    }
  }

  /**
   * Restarts the job on the current version (UPDATING or ROLLING_BACK): stops it with a snapshot
   * when snapshots are on and starts the new version from it; the caller holds the lock.
   */
  void restart(Entry e, OperationRecord op) {
    RunningApplication job = e.running;
    Application version = e.current;
    e.running = null;
    workers.execute(() -> {
      Path restore = null;
      if (snapshots.enabled(version)) {
        String name = snapshots.autoName("update", engine.now());
        try {
          restore = job.stop(false, snapshots.dir(version, name));
          if (restore != null) {
            recordSnapshot(e, version, name, restore);
          }
        } catch (RuntimeFailure | RuntimeException ex) {
          log.warn("snapshot before restarting {} failed: {}", version.arn(), ex.toString());
          cancel(job, version);
        }
      } else {
        cancel(job, version);
      }
      runStart(e, op, version, restore, allowNonRestoredState(version));
    });
  }

  /**
   * After a server restart: applications that were running start again (from their latest
   * snapshot when snapshots are on), stops in progress are done, snapshots being taken failed.
   * Returns whether the application should be resumed. Called before the engine serves requests.
   */
  boolean recover(Entry e) {
    for (OperationRecord o : List.copyOf(e.operations)) {
      if (o.inProgress()) {
        boolean stop = o.operation().equals("StopApplication");
        e.replace(o.ended(stop ? OperationRecord.SUCCESSFUL : OperationRecord.FAILED,
            engine.now(), stop ? null : "Interrupted by a restart of the server."));
      }
    }
    for (SnapshotRecord s : List.copyOf(e.snapshots)) {
      if ("CREATING".equals(s.status())) {
        e.replace(s.with("FAILED", null, "Interrupted by a restart of the server."));
      }
    }
    String status = e.current.status();
    boolean resume = Set.of("STARTING", "RUNNING", "UPDATING", "ROLLING_BACK", "AUTOSCALING",
        "MAINTENANCE").contains(status);
    e.current = e.current.withStatus(resume ? "STARTING" : AnalyticsEngine.READY);
    return resume;
  }

  void resume(Entry e) {
    Path restore;
    Application version;
    synchronized (engine) {
      version = e.current;
      SnapshotRecord latest = snapshots.enabled(version) ? e.latestSnapshot() : null;
      restore = latest == null ? null : snapshots.resolve(latest.path());
    }
    Path from = restore;
    workers.execute(() -> runStart(e, null, version, from, allowNonRestoredState(version)));
  }

  /** CreateApplicationSnapshot: a savepoint of the running job, CREATING until written. */
  public void createSnapshot(String account, String region, String name, String snapshotName) {
    synchronized (engine) {
      Entry e = engine.entryLocked(account, region, name);
      Application a = e.current;
      if (a.isSql()) {
        throw AnalyticsError.UNSUPPORTED_OPERATION.with(
            "Snapshots are not supported for SQL-1_0 applications.");
      }
      if (e.snapshot(snapshotName) != null) {
        throw AnalyticsError.INVALID_ARGUMENT.with("Snapshot " + snapshotName
            + " already exists for application " + name + ".");
      }
      if (!snapshots.enabled(a)) {
        throw AnalyticsError.INVALID_APPLICATION_CONFIGURATION.with(
            "Snapshots are disabled for application " + name + ".");
      }
      if (!a.status().equals(AnalyticsEngine.RUNNING) || e.running == null) {
        throw AnalyticsError.RESOURCE_IN_USE.with("Application " + name + " is in " + a.status()
            + " status; snapshots can be created only while it is RUNNING.");
      }
      SnapshotRecord s = new SnapshotRecord(snapshotName, "CREATING", a.versionId(), engine.now(),
          a.runtimeEnvironment(), null, null);
      e.replace(s);
      engine.saveLocked(e);
      RunningApplication job = e.running;
      workers.execute(() -> takeSnapshot(e, job, a, s));
    }
  }

  private void takeSnapshot(Entry e, RunningApplication job, Application a, SnapshotRecord s) {
    SnapshotRecord done;
    try {
      Path written = job.snapshot(snapshots.dir(a, s.name()));
      done = s.with("READY", snapshots.relative(written), null);
    } catch (RuntimeFailure | RuntimeException ex) {
      log.warn("snapshot {} of {} failed: {}", s.name(), a.arn(), ex.toString());
      done = s.with("FAILED", null, ex.getMessage());
    }
    synchronized (engine) {
      if (e.snapshot(s.name()) != null) {
        e.replace(done);
        engine.saveLocked(e);
      }
    }
  }

  /** DeleteApplicationSnapshot: the record and the files. */
  public void deleteSnapshot(String account, String region, String name, String snapshotName,
      long creationMillis) {
    SnapshotRecord s;
    synchronized (engine) {
      Entry e = engine.entryLocked(account, region, name);
      if (e.current.isSql()) {
        throw AnalyticsError.UNSUPPORTED_OPERATION.with(
            "Snapshots are not supported for SQL-1_0 applications.");
      }
      s = e.snapshot(snapshotName);
      if (s == null) {
        throw AnalyticsError.RESOURCE_NOT_FOUND.with("Snapshot " + snapshotName
            + " not found for application " + name + ".");
      }
      if (s.createMillis() / 1000 != creationMillis / 1000) {
        throw AnalyticsError.INVALID_ARGUMENT.with("SnapshotCreationTimestamp does not match the"
            + " snapshot's creation time.");
      }
      if ("CREATING".equals(s.status())) {
        throw AnalyticsError.RESOURCE_IN_USE.with("Snapshot " + snapshotName + " is being created.");
      }
      e.snapshots.remove(s);
      engine.saveLocked(e);
    }
    if (s.path() != null) {
      Deletions.deleteTree(snapshots.resolve(s.path()));
    }
  }

  /** A deleted application: its job cancelled, its snapshots removed. */
  void discard(Entry e) {
    RunningApplication job;
    synchronized (engine) {
      job = e.running;
      e.running = null;
    }
    if (job != null) {
      cancel(job, e.current);
    }
    snapshots.deleteAll(e.current);
  }

  /**
   * Server shutdown: each job is stopped (with a snapshot when snapshots are on, so it resumes
   * from there on the next start), statuses are kept, the runtimes closed.
   */
  void close(List<Entry> entries) {
    for (Entry e : entries) {
      RunningApplication job;
      Application version;
      synchronized (engine) {
        job = e.running;
        version = e.current;
        e.running = null;
      }
      if (job == null) {
        continue;
      }
      if (snapshots.enabled(version)) {
        String name = snapshots.autoName("shutdown", engine.now());
        try {
          Path written = job.stop(false, snapshots.dir(version, name));
          if (written != null) {
            recordSnapshot(e, version, name, written);
          }
          continue;
        } catch (RuntimeFailure | RuntimeException ex) {
          log.warn("snapshot of {} at shutdown failed: {}", version.arn(), ex.toString());
        }
      }
      cancel(job, version);
    }
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
    for (ApplicationRuntime r : runtimes) {
      try {
        r.close();
      } catch (RuntimeException ex) {
        log.warn("closing runtime {} failed: {}", r, ex.toString());
      }
    }
  }
}
