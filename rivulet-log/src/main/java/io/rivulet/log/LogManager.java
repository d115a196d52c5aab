package io.rivulet.log;

import java.io.Closeable;

/**
 * Creates and opens {@link ShardLog}s by name and owns what they share (the fsync/group-commit
 * machinery, background threads). Names are caller-chosen strings safe as directory names (e.g.
 * {@code 000000000000/us-east-1/mystream-1732550000000/shardId-000000000000}).
 *
 * <p>Thread-safe.
 */
public interface LogManager extends Closeable {

  /** Opens the named log, creating it empty if it does not exist; recovers it if it does. */
  ShardLog open(String name);

  /** The recovery reports of the logs opened so far (what, if anything, recovery dropped). */
  java.util.List<RecoveryReport> recoveryReports();

  /** Closes every open log. */
  @Override
  void close();
}
