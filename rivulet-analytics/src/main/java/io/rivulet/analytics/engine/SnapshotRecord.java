package io.rivulet.analytics.engine;

/**
 * One application snapshot: its name, status (CREATING, READY, DELETING, FAILED), the version it
 * was taken of, when, and where the runtime wrote it (relative to the snapshot directory; null
 * until READY). Immutable.
 */
public record SnapshotRecord(String name, String status, long versionId, long createMillis,
    String runtimeEnvironment, String path, String error) {

  public SnapshotRecord with(String newStatus, String newPath, String why) {
    return new SnapshotRecord(name, newStatus, versionId, createMillis, runtimeEnvironment,
        newPath, why);
  }
}
