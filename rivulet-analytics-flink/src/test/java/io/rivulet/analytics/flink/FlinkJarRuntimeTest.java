package io.rivulet.analytics.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RunningApplication.JobMetrics;
import io.rivulet.analytics.runtime.RunningApplication.JobState;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FLINK-2_2 application jar built by the test (a fat jar with AWS's runtime library) run as
 * Managed Flink runs it: properties, RUNNING, metrics, snapshot, stop with snapshot and restore
 * without loss or duplicates, force stop, bad jars.
 */
class FlinkJarRuntimeTest {
  @TempDir static Path dir;
  static FlinkEngine engine;
  static FlinkJarRuntime runtime;
  static Path countingJar;

  @BeforeAll
  static void start() throws Exception {
    engine = new FlinkEngine(EngineSettings.embedded(dir.resolve("flink-tmp")).withTaskSlots(4));
    runtime = new FlinkJarRuntime(engine);
    countingJar = TestJars.countingJob(Files.createDirectories(dir.resolve("jars")));
  }

  @AfterAll
  static void stop() {
    runtime.close();
    assertThat(dir.resolve("flink-tmp")).doesNotExist();
  }

  static ApplicationSpec spec(String name, Path code, Map<String, Map<String, String>> properties) {
    Map<String, Object> configuration = Map.of("FlinkApplicationConfiguration", Map.of(
        "CheckpointConfiguration", Map.of("ConfigurationType", "CUSTOM",
            "CheckpointingEnabled", true, "CheckpointInterval", 300L,
            "MinPauseBetweenCheckpoints", 0L)));
    return new ApplicationSpec(name, "arn:aws:kinesisanalytics:us-east-1:000000000000:application/"
        + name, "000000000000", "us-east-1", "FLINK-2_2", 1, configuration, null, code, properties,
        1);
  }

  @Test
  void supportsFlink22Only() {
    assertThat(runtime.supports("FLINK-2_2")).isTrue();
    assertThat(runtime.supports("FLINK-1_20")).isFalse();
    assertThat(runtime.supports("SQL-1_0")).isFalse();
  }

  @Test
  void snapshotStopAndRestoreContinueWithoutLossOrDuplicates() throws Exception {
    Path output = dir.resolve("counting-out");
    ApplicationSpec spec = spec("counting", countingJar, Map.of(
        "Job", Map.of("output", output.toString(), "rate", "200", "name", "counting-app"),
        FlinkJarRuntime.RUN_OPTIONS, Map.of("args", "run1")));

    RunningApplication first = runtime.start(spec, null, false);
    assertThat(((FlinkJob) first).name()).isEqualTo("counting-app-run1");
    assertThat(((FlinkJob) first).awaitState(JobState.RUNNING, 60_000)).isEqualTo(JobState.RUNNING);
    JobMetrics metrics = FlinkEngineTest.awaitMetrics(first);
    assertThat(metrics.recordsIn()).isPositive();
    assertThat(metrics.recordsOut()).isPositive();
    assertThat(metrics.checkpoints()).isPositive();

    Path snapshot = first.snapshot(dir.resolve("snapshots"));
    assertThat(snapshot.resolve("_metadata")).isRegularFile();
    TestJars.awaitCommitted(output, 1);
    Path stoppedAt = first.stop(false, dir.resolve("snapshots"));
    assertThat(stoppedAt.resolve("_metadata")).isRegularFile();
    assertThat(first.state()).isEqualTo(JobState.FINISHED);
    long afterFirst = TestJars.committed(output).size();
    assertThat(TestJars.committed(output)).containsExactlyElementsOf(range(afterFirst));

    RunningApplication second = runtime.start(spec, stoppedAt, false);
    assertThat(((FlinkJob) second).awaitState(JobState.RUNNING, 60_000)).isEqualTo(JobState.RUNNING);
    TestJars.awaitCommitted(output, afterFirst + 1);
    Path stoppedAgain = second.stop(false, dir.resolve("snapshots"));
    assertThat(stoppedAgain).isNotEqualTo(stoppedAt);

    List<Long> all = TestJars.committed(output);
    assertThat(all.size()).isGreaterThan((int) afterFirst);
    assertThat(all).containsExactlyElementsOf(range(all.size()));
  }

  @Test
  void forceStopCancelsAtOnce() throws Exception {
    ApplicationSpec spec = spec("forced", countingJar, Map.of(
        "Job", Map.of("output", dir.resolve("forced-out").toString())));
    RunningApplication app = runtime.start(spec, null, false);
    assertThat(((FlinkJob) app).awaitState(JobState.RUNNING, 60_000)).isEqualTo(JobState.RUNNING);
    assertThat(workDirectories()).anyMatch(name -> name.startsWith("forced-"));
    assertThat(app.stop(true, null)).isNull();
    assertThat(app.state()).isEqualTo(JobState.CANCELED);
    assertThat(app.failureCause()).isNull();
    assertThat(workDirectories()).noneMatch(name -> name.startsWith("forced-"));
  }

  /** The applications' work directories (properties file, prepared jar) in Flink's temp dir. */
  static List<String> workDirectories() throws IOException {
    Path apps = dir.resolve("flink-tmp/apps");
    if (!Files.exists(apps)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(apps)) {
      return children.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void badApplicationsFailWithAClearMessage() throws Exception {
    Path jars = dir.resolve("jars");
    assertThatThrownBy(() -> runtime.start(spec("no-props", countingJar, Map.of()), null, false))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessage("the application's main method failed: IllegalStateException: no property"
            + " group Job in {}");
    assertThatThrownBy(() -> runtime.start(
        spec("throws", TestJars.throwingJob(jars), Map.of()), null, false))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessage("the application's main method failed: IllegalStateException: no input stream"
            + " configured");
    assertThatThrownBy(() -> runtime.start(
        spec("no-entry", TestJars.withoutEntryClass(jars), Map.of()), null, false))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("names no entry class");
    Path notAJar = Files.writeString(jars.resolve("broken.jar"), "this is not a jar");
    assertThatThrownBy(() -> runtime.start(spec("broken", notAJar, Map.of()), null, false))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("Flink SQL statement 1 failed");
    assertThatThrownBy(() -> runtime.start(
        spec("missing", jars.resolve("missing.jar"), Map.of()), null, false))
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("could not read the application code missing.jar");
    assertThat(workDirectories()).noneMatch(name -> name.startsWith("no-props-")
        || name.startsWith("throws-") || name.startsWith("no-entry-"));
  }

  static List<Long> range(long n) {
    return LongStream.range(0, n).boxed().toList();
  }
}
