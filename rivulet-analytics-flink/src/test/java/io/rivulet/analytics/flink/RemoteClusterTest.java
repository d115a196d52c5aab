package io.rivulet.analytics.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RunningApplication.JobState;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --flink-cluster host:port}: the engine starts no cluster of its own and sends jobs to
 * another cluster's REST endpoint (here a second MiniCluster with REST standing in for a remote
 * Flink cluster): Flink SQL and application jars, state, metrics, cancel, close.
 */
class RemoteClusterTest {
  @TempDir static Path dir;
  static MiniCluster remote;
  static URI remoteRest;

  @BeforeAll
  static void startRemoteCluster() throws Exception {
    Configuration configuration = new Configuration();
    configuration.setString("rest.bind-address", "127.0.0.1");
    configuration.setString("rest.address", "127.0.0.1");
    configuration.setString("rest.bind-port", "0");
    configuration.setString("io.tmp.dirs", Files.createDirectories(dir.resolve("remote-tmp")).toString());
    configuration.setString("web.tmpdir", dir.resolve("remote-tmp").toString());
    configuration.setString("taskmanager.memory.network.min", "32m");
    configuration.setString("taskmanager.memory.network.max", "32m");
    configuration.setString("taskmanager.memory.managed.size", "32m");
    configuration.setString("metrics.fetcher.update-interval", "500");
    remote = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(configuration)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(4).build());
    remote.start();
    remoteRest = remote.getRestAddress().get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopRemoteCluster() throws Exception {
    remote.close();
  }

  @Test
  void jobsGoToTheRemoteClusterThroughItsRestEndpoint() throws Exception {
    Path temp = dir.resolve("engine-tmp");
    FlinkEngine engine = new FlinkEngine(EngineSettings.remote(
        remoteRest.getHost() + ":" + remoteRest.getPort(), temp, List.of()));
    FlinkJarRuntime runtime = new FlinkJarRuntime(engine);

    FlinkJob sql = engine.submitSql(FlinkEngineTest.datagenToBlackhole("remote"),
        JobSettings.defaults("remote-sql").withCheckpointInterval(200), null, false);
    assertThat(sql.awaitState(JobState.RUNNING, 60_000)).isEqualTo(JobState.RUNNING);
    assertThat(remoteJobs()).contains(sql.flinkJobId());
    assertThat(FlinkEngineTest.awaitMetrics(sql).recordsOut()).isPositive();

    Path jar = TestJars.countingJob(Files.createDirectories(dir.resolve("jars")));
    ApplicationSpec spec = FlinkJarRuntimeTest.spec("remote-jar", jar, Map.of("Job",
        Map.of("output", dir.resolve("remote-out").toString())));
    RunningApplication app = runtime.start(spec, null, false);
    FlinkJob job = (FlinkJob) app;
    assertThat(job.awaitState(JobState.RUNNING, 60_000)).isEqualTo(JobState.RUNNING);
    assertThat(remoteJobs()).contains(job.flinkJobId());
    TestJars.awaitCommitted(dir.resolve("remote-out"), 1);
    assertThat(app.stop(true, null)).isNull();
    assertThat(remote.getJobStatus(job.flinkJobId()).get()).isEqualTo(JobStatus.CANCELED);

    // closing the engine cancels what it left running there, and leaves the cluster up
    runtime.close();
    assertThat(remote.getJobStatus(sql.flinkJobId()).get(30, TimeUnit.SECONDS))
        .isIn(JobStatus.CANCELLING, JobStatus.CANCELED);
    assertThat(remote.isRunning()).isTrue();
    assertThat(temp).doesNotExist();
  }

  @Test
  void anUnreachableClusterIsAFailure() {
    FlinkEngine engine = new FlinkEngine(EngineSettings.remote("127.0.0.1:1",
        dir.resolve("unreachable-tmp"), List.of()));
    assertThatThrownBy(engine::start)
        .isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("could not reach Flink's REST API at http://127.0.0.1:1");
    engine.close();
  }

  static List<JobID> remoteJobs() throws Exception {
    return remote.listJobs().get().stream().map(JobStatusMessage::getJobId).toList();
  }
}
