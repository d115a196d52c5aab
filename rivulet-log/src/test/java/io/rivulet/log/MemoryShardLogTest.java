package io.rivulet.log;

import java.nio.file.Path;

/** Runs the shard-log contract against the memory log. */
class MemoryShardLogTest extends ShardLogContractTest {
  @Override
  protected LogManager newManager(Path dir) {
    return new MemoryLogManager();
  }

  @Override
  protected boolean reopenRestartsManager() {
    return false;
  }
}
