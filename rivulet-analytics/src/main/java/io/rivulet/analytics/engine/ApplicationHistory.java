package io.rivulet.analytics.engine;

import java.util.List;

/**
 * What is stored per application: its current version, every earlier version, its operations and
 * its snapshots. Immutable (one file's content).
 */
public record ApplicationHistory(Application current, List<Application> versions,
    List<OperationRecord> operations, List<SnapshotRecord> snapshots) {

  public ApplicationHistory {
    versions = List.copyOf(versions);
    operations = List.copyOf(operations);
    snapshots = List.copyOf(snapshots);
  }
}
