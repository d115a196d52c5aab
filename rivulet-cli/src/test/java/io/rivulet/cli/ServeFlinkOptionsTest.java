package io.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.analytics.flink.EngineSettings;
import io.rivulet.analytics.flink.FlinkJarRuntime;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rivulet serve}'s Analytics engine options: an embedded Flink cluster, started only when
 * the first application starts, with its temporary files under the data directory; or {@code
 * --flink-cluster host:port}.
 */
class ServeFlinkOptionsTest {
  @TempDir Path dataDir;

  List<ApplicationRuntime> runtimes(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return serve.analyticsRuntimes(() -> {
      throw new AssertionError("no SQL-1_0 application starts here");
    });
  }

  static EngineSettings settings(List<ApplicationRuntime> runtimes) {
    return ((FlinkJarRuntime) runtimes.get(0)).engine().settings();
  }

  @Test
  void embeddedByDefaultWithItsTemporaryFilesInTheDataDirectoryAndNothingStarted() {
    List<ApplicationRuntime> runtimes = runtimes("--data-dir", dataDir.toString());
    assertThat(runtimes).anyMatch(r -> r.supports("FLINK-2_2"));
    assertThat(runtimes).anyMatch(r -> r.supports("SQL-1_0"));
    assertThat(runtimes).anyMatch(r -> r.supports("FLINK-1_20")); // the FLINK-1_x runtime, last
    EngineSettings settings = settings(runtimes);
    assertThat(settings.isRemote()).isFalse();
    assertThat(settings.taskSlots()).isEqualTo(EngineSettings.DEFAULT_TASK_SLOTS);
    assertThat(settings.tempDirectory()).isEqualTo(dataDir.resolve("analytics/flink-tmp"));
    assertThat(settings.tempDirectory()).doesNotExist();
    runtimes.forEach(ApplicationRuntime::close);
  }

  @Test
  void flinkClusterSendsJobsToARemoteCluster() {
    List<ApplicationRuntime> runtimes = runtimes("--data-dir", dataDir.toString(),
        "--flink-cluster", "flink-jm:8081", "--flink-cluster-jar", "/opt/rivulet-connector.jar");
    EngineSettings settings = settings(runtimes);
    assertThat(settings.remoteCluster()).isEqualTo("flink-jm:8081");
    assertThat(settings.remoteJars()).containsExactly(Path.of("/opt/rivulet-connector.jar"));
    assertThat(settings(runtimes("--data-dir", dataDir.toString(), "--flink-slots", "4"))
        .taskSlots()).isEqualTo(4);
  }

  @Test
  void badValuesAreRefused() {
    assertThatThrownBy(() -> runtimes("--flink-cluster", "flink-jm"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageStartingWith("--flink-cluster: a Flink cluster is host:port");
    assertThatThrownBy(() -> runtimes("--flink-cluster", "flink-jm:99999"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("bad port");
    assertThatThrownBy(() -> runtimes("--flink-cluster-jar", "x.jar"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--flink-cluster-jar needs --flink-cluster");
    assertThatThrownBy(() -> runtimes("--flink-slots", "0"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--flink-slots must be at least 1, not 0");
  }
}
