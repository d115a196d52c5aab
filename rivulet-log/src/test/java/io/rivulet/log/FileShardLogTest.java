package io.rivulet.log;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/**
 * Runs the shard-log contract against the file log with each fsync policy, with small segments
 * and a dense index so rolling, multi-segment reads and retention by segment are exercised.
 */
class FileShardLogTest {
  static final LogConfig SMALL = new LogConfig(16 * 1024, 512, 2);

  @Nested
  class GroupCommit extends ShardLogContractTest {
    @Override
    protected LogManager newManager(Path dir) {
      return new FileLogManager(dir, FsyncPolicy.group(), SMALL);
    }
  }

  @Nested
  class Interval extends ShardLogContractTest {
    @Override
    protected LogManager newManager(Path dir) {
      return new FileLogManager(dir, FsyncPolicy.interval(Duration.ofMillis(5)), SMALL);
    }
  }

  @Nested
  class Never extends ShardLogContractTest {
    @Override
    protected LogManager newManager(Path dir) {
      return new FileLogManager(dir, FsyncPolicy.never(), SMALL);
    }
  }
}
