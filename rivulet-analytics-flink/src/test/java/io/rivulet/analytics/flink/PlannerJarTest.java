package io.rivulet.analytics.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Sweeping the jars Flink extracts into java.io.tmpdir and never deletes after a kill. */
@EnabledOnOs(OS.LINUX)
class PlannerJarTest {
  @TempDir Path tmp;

  @Test
  void deletesOldExtractedJarsNoProcessHasOpen() throws Exception {
    Path stale = old(tmp.resolve("flink-table-planner_1111.jar"));
    Path staleRpc = old(tmp.resolve("flink-rpc-akka_2222.jar"));
    Path open = old(tmp.resolve("flink-table-planner_3333.jar"));
    Path fresh = Files.writeString(tmp.resolve("flink-table-planner_4444.jar"), "x");
    Path other = old(tmp.resolve("something-else.jar"));
    try (FileChannel channel = FileChannel.open(open, StandardOpenOption.READ)) {
      assertThat(PlannerJar.sweepStale(tmp)).isEqualTo(2);
      assertThat(channel.isOpen()).isTrue();
    }
    assertThat(stale).doesNotExist();
    assertThat(staleRpc).doesNotExist();
    assertThat(open).exists();
    assertThat(fresh).exists();
    assertThat(other).exists();
  }

  private static Path old(Path file) throws Exception {
    Files.writeString(file, "jar");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
    return file;
  }
}
