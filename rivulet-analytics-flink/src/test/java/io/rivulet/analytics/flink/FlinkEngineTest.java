package io.rivulet.analytics.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RunningApplication.JobMetrics;
import io.rivulet.analytics.runtime.RunningApplication.JobState;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded session cluster: SQL jobs through REST, metrics, savepoints, cancel, temp files. */
class FlinkEngineTest {
  @TempDir static Path dir;
  static FlinkEngine engine;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(dir.resolve("flink-tmp/stale"));
    Files.writeString(dir.resolve("flink-tmp/stale/left-over.jar"), "from a killed run");
    engine = new FlinkEngine(EngineSettings.embedded(dir.resolve("flink-tmp")).withTaskSlots(4));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  static List<String> datagenToBlackhole(String suffix) {
    return List.of(
        "CREATE TABLE gen_" + suffix + " (id BIGINT) WITH ('connector' = 'datagen',"
            + " 'rows-per-second' = '200', 'fields.id.min' = '1',"
            + " 'fields.id.max' = '1000000')",
        "CREATE TABLE sink_" + suffix + " (id BIGINT) WITH ('connector' = 'blackhole')",
        "INSERT INTO sink_" + suffix + " SELECT id FROM gen_" + suffix);
  }

  @Test
  void runsSqlJobsThroughRestWithMetricsSavepointsAndCancel() throws Exception {
    assertThat(engine.restAddress().getHost()).isEqualTo("127.0.0.1");
    assertThat(dir.resolve("flink-tmp/stale")).doesNotExist();

    FlinkJob job = engine.submitSql(datagenToBlackhole("a"),
        JobSettings.defaults("sql-a").withCheckpointInterval(200), null, false);
    assertThat(job.awaitState(JobState.RUNNING, 60_000)).isEqualTo(JobState.RUNNING);

    JobMetrics metrics = awaitMetrics(job);
    assertThat(metrics.recordsIn()).isPositive();
    assertThat(metrics.recordsOut()).isPositive();
    assertThat(metrics.checkpoints()).isPositive();
    assertThat(metrics.lastCheckpointMillis()).isGreaterThan(System.currentTimeMillis() - 60_000);

    Path snapshot = job.snapshot(dir.resolve("snapshots"));
    assertThat(snapshot).isDirectory().startsWith(dir.resolve("snapshots"));
    assertThat(snapshot.resolve("_metadata")).isRegularFile();

    Path stopped = job.stop(false, dir.resolve("snapshots"));
    assertThat(stopped.resolve("_metadata")).isRegularFile();
    assertThat(job.state()).isEqualTo(JobState.FINISHED);

    FlinkJob restored = engine.submitSql(datagenToBlackhole("a"),
        JobSettings.defaults("sql-a"), stopped, false);
    assertThat(restored.awaitState(JobState.RUNNING, 60_000)).isEqualTo(JobState.RUNNING);
    assertThat(restored.stop(true, null)).isNull();
    assertThat(restored.state()).isEqualTo(JobState.CANCELED);
  }

  @Test
  void badSqlIsAFailureNamingTheStatement() {
    assertThatThrownBy(() -> engine.submitSql(List.of("CREATE TABLE t (x INT) WITH"
            + " ('connector' = 'datagen')", "INSERT INTO nowhere SELECT x FROM t"),
        JobSettings.defaults("bad"), null, false))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("statement 2")
        .hasMessageContaining("nowhere");
    assertThatThrownBy(() -> engine.submitSql(List.of("CREATE TABLE t2 (x INT) WITH"
            + " ('connector' = 'datagen')"), JobSettings.defaults("no-insert"), null, false))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("no INSERT INTO");
  }

  @Test
  void cleansItsTemporaryDirectoryOnClose() throws Exception {
    Path temp = dir.resolve("other-tmp");
    FlinkEngine other = new FlinkEngine(EngineSettings.embedded(temp).withTaskSlots(1));
    other.start();
    try (Stream<Path> files = Files.list(temp)) {
      assertThat(files.toList()).isNotEmpty();
    }
    other.close();
    assertThat(temp).doesNotExist();
    assertThatThrownBy(other::start).isInstanceOf(RuntimeFailure.class);
  }

  static JobMetrics awaitMetrics(RunningApplication job) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    JobMetrics metrics = job.metrics();
    while ((metrics.recordsIn() == 0 || metrics.recordsOut() == 0 || metrics.checkpoints() == 0)
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      metrics = job.metrics();
    }
    return metrics;
  }
}
