package io.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.analytics.flink1.Flink1Runtime;
import io.rivulet.analytics.flink1.Flink1Settings;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rivulet serve}'s FLINK-1_x options: a child session cluster from {@code --flink1-home}
 * (default: the source tree's rivulet-flink1-session/target), files under the data directory,
 * nothing started; or {@code --flink1-cluster host:port}.
 */
class ServeFlink1OptionsTest {
  @TempDir Path dataDir;

  static Flink1Settings settings(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    List<ApplicationRuntime> runtimes = serve.analyticsRuntimes(() -> {
      throw new AssertionError("no SQL-1_0 application starts here");
    });
    assertThat(runtimes.get(0).supports("FLINK-2_2")).isTrue();
    Flink1Runtime flink1 = (Flink1Runtime) runtimes.stream().filter(r -> r.supports("FLINK-1_20"))
        .findFirst().orElseThrow();
    assertThat(flink1.supports("FLINK-1_18")).isTrue();
    assertThat(flink1.supports("FLINK-1_19")).isTrue();
    assertThat(flink1.supports("FLINK-1_15")).isFalse();
    assertThat(flink1.cluster().childPid()).isEqualTo(-1);
    runtimes.forEach(ApplicationRuntime::close);
    return flink1.cluster().settings();
  }

  @Test
  void childSessionByDefaultWithItsFilesInTheDataDirectory() {
    Flink1Settings s = settings("--data-dir", dataDir.toString());
    assertThat(s.isRemote()).isFalse();
    assertThat(s.workDirectory()).isEqualTo(dataDir.resolve("analytics/flink1"));
    assertThat(s.workDirectory()).doesNotExist();
    assertThat(s.home()).isEqualTo(Flink1Settings.defaultHome());
    Path home = Path.of("/opt/flink1-session");
    assertThat(settings("--data-dir", dataDir.toString(), "--flink1-home", home.toString()).home())
        .isEqualTo(home);
  }

  @Test
  void flink1ClusterSendsJobsToARemoteCluster() {
    assertThat(settings("--data-dir", dataDir.toString(), "--flink1-cluster", "flink1-jm:8081")
        .remoteCluster()).isEqualTo("flink1-jm:8081");
    assertThatThrownBy(() -> settings("--flink1-cluster", "flink1-jm"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--flink1-cluster: expected HOST:PORT, not flink1-jm");
  }
}
