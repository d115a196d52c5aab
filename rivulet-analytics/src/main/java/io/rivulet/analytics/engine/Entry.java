package io.rivulet.analytics.engine;

import io.rivulet.analytics.runtime.RunningApplication;
import java.util.ArrayList;
import java.util.List;

/**
 * One application's mutable state inside {@link AnalyticsEngine}: the current version, earlier
 * versions, operations, snapshots and the job running it. Not thread-safe: guarded by the engine.
 */
final class Entry {
  Application current;
  final List<Application> versions = new ArrayList<>();
  final List<OperationRecord> operations = new ArrayList<>();
  final List<SnapshotRecord> snapshots = new ArrayList<>();
  RunningApplication running;
  boolean deleted;

  Entry(Application current) {
    this.current = current;
  }

  Entry(ApplicationHistory h) {
    this.current = h.current();
    versions.addAll(h.versions());
    operations.addAll(h.operations());
    snapshots.addAll(h.snapshots());
  }

  ApplicationHistory history() {
    return new ApplicationHistory(current, versions, operations, snapshots);
  }

  /** Replaces an operation record by id. */
  void replace(OperationRecord op) {
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i).id().equals(op.id())) {
        operations.set(i, op);
        return;
      }
    }
    operations.add(op);
  }

  OperationRecord operation(String id) {
    return operations.stream().filter(o -> o.id().equals(id)).findFirst().orElse(null);
  }

  SnapshotRecord snapshot(String name) {
    return snapshots.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  void replace(SnapshotRecord s) {
    for (int i = 0; i < snapshots.size(); i++) {
      if (snapshots.get(i).name().equals(s.name())) {
        snapshots.set(i, s);
        return;
      }
    }
    snapshots.add(s);
  }

  /** The latest READY snapshot, or null. */
  SnapshotRecord latestSnapshot() {
    SnapshotRecord latest = null;
    for (SnapshotRecord s : snapshots) {
      if ("READY".equals(s.status()) && (latest == null || s.createMillis() >= latest.createMillis())) {
        latest = s;
      }
    }
    return latest;
  }

  /** The version with this id (the current one included), or null. */
  Application version(long id) {
    if (current.versionId() == id) {
      return current;
    }
    return versions.stream().filter(v -> v.versionId() == id).findFirst().orElse(null);
  }
}
