package io.rivulet.analytics.engine;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Analytics control plane: applications by account, region and name, their versions,
 * operations, snapshots and tags, kept in an {@link ApplicationStore}; starting, stopping and
 * snapshotting is delegated to an {@link ApplicationRunner} over the runtimes. Thread-safe: all
 * state is guarded by this object's monitor; runtimes are called outside it.
 */
public final class AnalyticsEngine implements AutoCloseable {
  /** Applications per account and region (AWS's default quota). */
  public static final int MAX_APPLICATIONS = 50;
  /** Tags per application (AWS's limit). */
  public static final int MAX_TAGS = 50;
  static final String READY = "READY";
  static final String RUNNING = "RUNNING";

  private final Clock clock;
  private final ApplicationStore store;
  private final CodeStore code;
  private final Map<String, Entry> applications = new LinkedHashMap<>(); // by ARN
  private final ApplicationRunner runner;

  /**
   * @param snapshotDir where snapshots (savepoints) are written
   */
  public AnalyticsEngine(Clock clock, ApplicationStore store, CodeStore code, Path snapshotDir,
      List<ApplicationRuntime> runtimes) {
    this.clock = clock;
    this.store = store;
    this.code = code;
    this.runner = new ApplicationRunner(this, runtimes, snapshotDir, code);
    List<Entry> resume = new ArrayList<>();
    for (ApplicationHistory h : store.load()) {
      Entry e = new Entry(h);
      applications.put(e.current.arn(), e);
      if (runner.recover(e)) {
        resume.add(e);
      }
      store.save(e.history());
    }
    resume.forEach(runner::resume);
  }

  Clock clock() {
    return clock;
  }

  public long now() {
    return clock.millis();
  }

  public CodeStore code() {
    return code;
  }

  /** Persists an entry's state; the caller holds the lock. */
  void saveLocked(Entry e) {
    if (!e.deleted) {
      store.save(e.history());
    }
  }

  /** Creates an application (version 1, READY). */
  public synchronized Application create(Application requested, Map<String, Object> codeContent) {
    if (applications.containsKey(requested.arn())) {
      throw AnalyticsError.RESOURCE_IN_USE.with("Application " + requested.name() + " already exists");
    }
    long count = applications.values().stream().filter(e -> sameScope(e.current, requested)).count();
    if (count >= MAX_APPLICATIONS) {
      throw AnalyticsError.LIMIT_EXCEEDED.with("Maximum number of applications (" + MAX_APPLICATIONS
          + ") reached for this account in " + requested.region());
    }
    Application.StoredCode stored = code.store(requested, 1, codeContent);
    Application r = requested;
    Application a = new Application(r.account(), r.region(), r.name(), r.description(),
        r.runtimeEnvironment(), r.serviceExecutionRole(), r.mode(), READY, 1, r.createMillis(),
        r.createMillis(), r.createMillis(), r.configuration(), r.cloudWatchLoggingOptions(), null,
        stored, r.maintenanceWindowStart(), null, null, null, r.tags(), r.idCounters());
    Entry e = new Entry(a);
    applications.put(a.arn(), e);
    saveLocked(e);
    return a;
  }

  private static boolean sameScope(Application a, Application b) {
    return a.account().equals(b.account()) && a.region().equals(b.region());
  }

  /** The application's entry; the caller holds the lock. */
  Entry entryLocked(String account, String region, String name) {
    Entry e = applications.get(Application.arn(account, region, name));
    if (e == null) {
      throw AnalyticsError.RESOURCE_NOT_FOUND.with("Application " + name + " not found");
    }
    runner.refreshLocked(e);
    return e;
  }

  /** The application by ARN; the caller holds the lock. */
  Entry entryByArnLocked(String arn) {
    Entry e = applications.get(arn);
    if (e == null) {
      throw AnalyticsError.RESOURCE_NOT_FOUND.with("Resource " + arn + " not found");
    }
    runner.refreshLocked(e);
    return e;
  }

  /** The current version of an application. */
  public synchronized Application describe(String account, String region, String name) {
    return entryLocked(account, region, name).current;
  }

  /** The applications of an account and region, by name. */
  public synchronized List<Application> list(String account, String region) {
    List<Application> out = new ArrayList<>();
    for (Entry e : applications.values()) {
      if (e.current.account().equals(account) && e.current.region().equals(region)) {
        runner.refreshLocked(e);
        out.add(e.current);
      }
    }
    out.sort(Comparator.comparing(Application::name));
    return out;
  }

  /** Every application of every account (for metrics and the console). */
  public synchronized List<Application> all() {
    applications.values().forEach(runner::refreshLocked);
    return applications.values().stream().map(e -> e.current)
        .sorted(Comparator.comparing(Application::arn)).toList();
  }

  /** The ConditionalToken of a version: a digest of its ARN, version id and last update. */
  public static String conditionalToken(Application a) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (a.arn() + ":" + a.versionId() + ":" + a.lastUpdateMillis()).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The expected version: by CurrentApplicationVersionId or ConditionalToken (one required). */
  public record VersionCheck(Long currentVersionId, String conditionalToken, boolean required) {
    void verify(Application a) {
      if (currentVersionId == null && conditionalToken == null && required) {
        throw AnalyticsError.INVALID_ARGUMENT.with(
            "Either CurrentApplicationVersionId or ConditionalToken must be provided.");
      }
      if (currentVersionId != null && currentVersionId != a.versionId()) {
        throw AnalyticsError.CONCURRENT_MODIFICATION.with("Current application version is "
            + a.versionId() + ". The application version provided is " + currentVersionId + ".");
      }
      if (conditionalToken != null && !conditionalToken.equals(AnalyticsEngine.conditionalToken(a))) {
        throw AnalyticsError.CONCURRENT_MODIFICATION.with(
            "The provided ConditionalToken does not match the application's current token.");
      }
    }
  }

  /** A change that made a new version, and the operation recording it. */
  public record Change(Application application, OperationRecord operation) {}

  /**
   * Makes a new version of an application from {@code change} (which may throw AWS errors and
   * must not mutate the current version's maps): checks status and version, records the operation,
   * and when a Flink application is running, restarts its job on the new version (UPDATING).
   */
  public synchronized Change update(String account, String region, String name, VersionCheck check,
      String operation, Consumer<Application.Builder> change) {
    Entry e = entryLocked(account, region, name);
    Application a = e.current;
    if (!a.status().equals(READY) && !a.status().equals(RUNNING)) {
      throw AnalyticsError.RESOURCE_IN_USE.with("Application " + name + " is in " + a.status()
          + " status; it must be READY or RUNNING to be updated.");
    }
    check.verify(a);
    Application.Builder b = a.toBuilder();
    b.configuration = Configurations.copyMap(a.configuration());
    b.cloudWatchLoggingOptions = copyList(a.cloudWatchLoggingOptions());
    change.accept(b);
    if (b.code == a.code()) {
      b.code = code.copy(a, a.versionId() + 1);
    }
    Application next = b.nextVersion(now());
    boolean restart = a.status().equals(RUNNING) && e.running != null;
    if (restart) {
      next = next.withStatus("UPDATING");
    }
    e.versions.add(a);
    e.current = next;
    OperationRecord op = newOperation(e, operation, a.versionId(), next.versionId());
    if (restart) {
      runner.restart(e, op);
    } else {
      e.replace(op.ended(OperationRecord.SUCCESSFUL, now(), null));
    }
    saveLocked(e);
    return new Change(next, e.operation(op.id()));
  }

  /**
   * RollbackApplication: a new version with the configuration of the version the current one was
   * updated from; a running job restarts on it (ROLLING_BACK, then RUNNING).
   */
  public synchronized Change rollback(String account, String region, String name,
      long currentVersionId) {
    Entry e = entryLocked(account, region, name);
    Application a = e.current;
    if (a.isSql()) {
      throw AnalyticsError.UNSUPPORTED_OPERATION.with(
          "RollbackApplication is not supported for SQL-1_0 applications.");
    }
    if (!a.status().equals(RUNNING)) {
      throw AnalyticsError.RESOURCE_IN_USE.with("Application " + name + " is in " + a.status()
          + " status; it can be rolled back only when RUNNING.");
    }
    new VersionCheck(currentVersionId, null, true).verify(a);
    Long previousId = a.versionUpdatedFrom() != null ? a.versionUpdatedFrom() : a.versionRolledBackTo();
    Application previous = previousId == null ? null : e.version(previousId);
    if (previous == null) {
      throw AnalyticsError.INVALID_ARGUMENT.with("Application " + name + " version "
          + a.versionId() + " has no previous version to roll back to.");
    }
    Application next = rolledBack(previous, a, code.copy(previous, a.versionId() + 1), now());
    boolean restart = e.running != null;
    if (restart) {
      next = next.withStatus("ROLLING_BACK");
    }
    e.versions.add(a);
    e.current = next;
    OperationRecord op = newOperation(e, "RollbackApplication", a.versionId(), next.versionId());
    if (restart) {
      runner.restart(e, op);
    } else {
      e.replace(op.ended(OperationRecord.SUCCESSFUL, now(), null));
    }
    saveLocked(e);
    return new Change(next, e.operation(op.id()));
  }

  /** Version {@code current + 1} holding {@code previous}'s configuration. */
  private static Application rolledBack(Application previous, Application current,
      Application.StoredCode code, long now) {
    return new Application(current.account(), current.region(), current.name(),
        previous.description(), previous.runtimeEnvironment(), previous.serviceExecutionRole(),
        current.mode(), current.status(), current.versionId() + 1, current.createMillis(), now, now,
        previous.configuration(), previous.cloudWatchLoggingOptions(), current.runConfiguration(),
        code, current.maintenanceWindowStart(), null, current.versionId(), previous.versionId(),
        current.tags(), current.idCounters());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> copyList(List<Map<String, Object>> list) {
    return (List<Map<String, Object>>) Configurations.copy(list);
  }

  /** Records a new IN_PROGRESS operation; the caller holds the lock. */
  OperationRecord newOperation(Entry e, String operation, Long from, Long to) {
    OperationRecord op = new OperationRecord(UUID.randomUUID().toString().replace("-", ""),
        operation, now(), null, OperationRecord.IN_PROGRESS, from, to, null);
    e.operations.add(op);
    return op;
  }

  /** Changes an application without making a version (tags, maintenance window). */
  public synchronized Application modify(String arnOrNull, String account, String region,
      String name, java.util.function.UnaryOperator<Application> change) {
    Entry e = arnOrNull != null ? entryByArnLocked(arnOrNull) : entryLocked(account, region, name);
    e.current = change.apply(e.current);
    saveLocked(e);
    return e.current;
  }

  /** Deletes an application (its job is cancelled, its snapshots and code removed). */
  public void delete(String account, String region, String name, long createTimestampMillis) {
    Entry e;
    synchronized (this) {
      e = entryLocked(account, region, name);
      if (e.current.createMillis() / 1000 != createTimestampMillis / 1000) {
        throw AnalyticsError.INVALID_ARGUMENT.with("CreateTimestamp does not match the application's"
            + " creation time: " + java.time.Instant.ofEpochMilli(e.current.createMillis()));
      }
      String s = e.current.status();
      if (s.equals("DELETING")) {
        throw AnalyticsError.RESOURCE_IN_USE.with("Application " + name + " is already being deleted");
      }
      e.current = e.current.withStatus("DELETING");
      e.deleted = true;
      applications.remove(e.current.arn());
      store.delete(e.current);
    }
    runner.discard(e);
    code.deleteAll(e.current);
  }

  /** Runs {@code action} with the application's entry under the lock. */
  synchronized <T> T withEntry(String account, String region, String name,
      java.util.function.Function<Entry, T> action) {
    return action.apply(entryLocked(account, region, name));
  }

  /** The history of an application (versions, operations, snapshots), as of now. */
  public synchronized ApplicationHistory history(String account, String region, String name) {
    return entryLocked(account, region, name).history();
  }

  /** The history of an application by ARN. */
  public synchronized ApplicationHistory historyByArn(String arn) {
    return entryByArnLocked(arn).history();
  }

  public ApplicationRunner runner() {
    return runner;
  }

  /** A job's state and metrics per running application (for /metrics and the console). */
  public synchronized List<ApplicationRunner.JobView> jobs() {
    List<ApplicationRunner.JobView> out = new ArrayList<>();
    for (Entry e : applications.values()) {
      runner.refreshLocked(e);
      out.add(runner.view(e));
    }
    return out;
  }

  /** Stops every job (cancelling) and closes the runtimes. */
  @Override
  public void close() {
    List<Entry> all;
    synchronized (this) {
      all = List.copyOf(applications.values());
    }
    runner.close(all);
  }
}
