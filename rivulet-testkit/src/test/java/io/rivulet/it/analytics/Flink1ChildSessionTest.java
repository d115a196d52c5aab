package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.analytics.flink1.Flink1Cluster;
import io.rivulet.analytics.flink1.Flink1Runtime;
import io.rivulet.analytics.flink1.Flink1Settings;
import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FLINK-1_x runtime's own session cluster: a child JVM started from rivulet-flink1-session's
 * build output on first use (found by default beside the source tree), answering Flink 1.20's
 * REST API, killed on close with its temporary files removed; and the errors a user sees when the
 * session jars are missing or the code is not a jar.
 */
class Flink1ChildSessionTest {
  @TempDir Path work;

  @Test
  void childSessionStartsOnFirstUseAndEndsOnClose() throws Exception {
    Path home = Flink1Settings.defaultHome();
    assertThat(home).isEqualTo(FlinkApplicationRoot.ROOT.resolve("rivulet-flink1-session/target"));
    Flink1Cluster cluster = new Flink1Cluster(new Flink1Settings(home, null, work, 1));
    assertThat(cluster.childPid()).isEqualTo(-1);
    try {
      assertThat(cluster.rest().reader().get("/config").path("flink-version").asText())
          .isEqualTo("1.20.3");
      assertThat(cluster.rest().reader().get("/config").path("features").path("web-submit")
          .asBoolean()).isTrue();
      assertThat(work.resolve("session")).isDirectory();
    } finally {
      long pid = cluster.childPid();
      assertThat(pid).isPositive();
      cluster.close();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
    assertThat(work.resolve("session")).doesNotExist();
    assertThatThrownBy(cluster::rest).isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("shut down");
  }

  @Test
  void missingSessionJarsAndCodeThatIsNotAJarAreExplained() throws Exception {
    Flink1Runtime runtime = new Flink1Runtime(new Flink1Cluster(
        new Flink1Settings(work.resolve("nowhere"), null, work, 1)));
    Path jar = Files.write(work.resolve("app.jar"), new byte[] {'P', 'K', 3, 4, 0});
    assertThatThrownBy(() -> runtime.start(spec(jar), null, false))
        .isInstanceOf(RuntimeFailure.class).hasMessageContaining("--flink1-home")
        .hasMessageContaining("--flink1-cluster");
    Path sql = Files.writeString(work.resolve("app.sql"), "SELECT 1");
    assertThatThrownBy(() -> runtime.start(spec(sql), null, false))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessage("the application code of a FLINK-1_20 application must be a jar");
    runtime.close();
  }

  static ApplicationSpec spec(Path code) {
    return new ApplicationSpec("app", "arn:aws:kinesisanalytics:us-east-1:000000000000:application/app",
        "000000000000", "us-east-1", "FLINK-1_20", 1, Map.of(), null, code, Map.of(), 1);
  }

  /** The source tree the tests run in. */
  static final class FlinkApplicationRoot {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  }
}
