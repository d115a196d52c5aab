package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.testkit.RivuletExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationOperationInfo;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidApplicationConfigurationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;

/**
 * Flink applications through the SDK's KinesisAnalyticsV2Client, run by a {@link TestRuntime}
 * (a test double: the real engines are tested with their modules): start and stop with their
 * operations, snapshots taken, restored (latest and custom) and deleted, an update that restarts
 * the job on the new version, rollback, versions, the maintenance window, VPC configurations,
 * the presigned URL, and starts that fail (no runtime for FLINK-1_20, a refused job).
 */
@SuppressWarnings("unchecked") // the SDK builders take varargs of consumers
class FlinkApplicationTest {
  static final String ROLE = "arn:aws:iam::000000000000:role/flink";
  static final TestRuntime runtime = new TestRuntime("FLINK-2_2");

  @RegisterExtension static RivuletExtension rivulet =
      new RivuletExtension().withRuntimes(() -> List.<ApplicationRuntime>of(runtime));

  static KinesisAnalyticsV2Client client() {
    return rivulet.analytics();
  }

  static ApplicationDetail create(String name, String runtimeEnvironment, boolean snapshots) {
    return client().createApplication(r -> r.applicationName(name)
        .runtimeEnvironment(runtimeEnvironment).serviceExecutionRole(ROLE)
        .applicationConfiguration(a -> a
            .applicationCodeConfiguration(code -> code.codeContentType("ZIPFILE")
                .codeContent(cc -> cc.zipFileContent(SdkBytes.fromUtf8String("PK-not-really-a-jar"))))
            .environmentProperties(e -> e.propertyGroups(g -> g.propertyGroupId("app")
                .propertyMap(java.util.Map.of("window", "5m"))))
            .applicationSnapshotConfiguration(s -> s.snapshotsEnabled(snapshots))))
        .applicationDetail();
  }

  static String waitFor(String name, String status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String now;
    do {
      now = client().describeApplication(r -> r.applicationName(name)).applicationDetail()
          .applicationStatusAsString();
      if (now.equals(status)) {
        return now;
      }
      Thread.sleep(10);
    } while (System.nanoTime() < deadline);
    return now;
  }

  static void waitForSnapshot(String app, String snapshot) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && !client().describeApplicationSnapshot(r -> r
        .applicationName(app).snapshotName(snapshot)).snapshotDetails().snapshotStatusAsString()
        .equals("READY")) {
      Thread.sleep(10);
    }
  }

  @Test
  void describesFlinkDefaultsAndStoresTheJar() throws Exception {
    ApplicationDetail a = create("defaults", "FLINK-2_2", false);
    var config = a.applicationConfigurationDescription();
    assertThat(config.flinkApplicationConfigurationDescription().checkpointConfigurationDescription()
        .checkpointInterval()).isEqualTo(60000L);
    assertThat(config.flinkApplicationConfigurationDescription().parallelismConfigurationDescription()
        .currentParallelism()).isEqualTo(1);
    assertThat(config.applicationSnapshotConfigurationDescription().snapshotsEnabled()).isFalse();
    assertThat(config.environmentPropertyDescriptions().propertyGroupDescriptions().get(0)
        .propertyMap()).containsEntry("window", "5m");
    assertThat(config.applicationCodeConfigurationDescription().codeContentDescription().codeSize())
        .isEqualTo(19L);
    assertThat(a.applicationMaintenanceConfigurationDescription().applicationMaintenanceWindowStartTime())
        .isEqualTo("06:00");
    var m = client().updateApplicationMaintenanceConfiguration(r -> r.applicationName("defaults")
        .applicationMaintenanceConfigurationUpdate(u -> u.applicationMaintenanceWindowStartTimeUpdate("22:30")));
    assertThat(m.applicationMaintenanceConfigurationDescription().applicationMaintenanceWindowEndTime())
        .isEqualTo("06:30");
    Path jar = rivulet.dataDir().resolve("analytics/code/000000000000/us-east-1/defaults/1.zip");
    assertThat(Files.readString(jar)).isEqualTo("PK-not-really-a-jar");
  }

  @Test
  void startRunStopWithOperations() throws Exception {
    create("runner", "FLINK-2_2", false);
    KinesisAnalyticsV2Client c = client();
    String startId = c.startApplication(r -> r.applicationName("runner")).operationId();
    assertThat(waitFor("runner", "RUNNING")).isEqualTo("RUNNING");
    TestRuntime.Job job = runtime.last();
    assertThat(job.spec.applicationName()).isEqualTo("runner");
    assertThat(job.spec.properties()).containsEntry("app", java.util.Map.of("window", "5m"));
    assertThat(Files.readString(job.spec.code())).isEqualTo("PK-not-really-a-jar");
    assertThat(job.restoredFrom).isNull();
    assertThatThrownBy(() -> c.startApplication(r -> r.applicationName("runner")))
        .isInstanceOf(ResourceInUseException.class);
    var run = c.describeApplication(r -> r.applicationName("runner")).applicationDetail()
        .applicationConfigurationDescription().runConfigurationDescription();
    assertThat(run.applicationRestoreConfigurationDescription().applicationRestoreType())
        .isEqualTo(ApplicationRestoreType.RESTORE_FROM_LATEST_SNAPSHOT);
    String stopId = c.stopApplication(r -> r.applicationName("runner")).operationId();
    assertThat(waitFor("runner", "READY")).isEqualTo("READY");
    assertThat(job.stoppedWithForce).isTrue(); // snapshots are off: nothing to save
    List<ApplicationOperationInfo> ops = c.listApplicationOperations(r -> r.applicationName("runner"))
        .applicationOperationInfoList();
    assertThat(ops).extracting(ApplicationOperationInfo::operation)
        .containsExactly("StopApplication", "StartApplication");
    assertThat(ops).extracting(ApplicationOperationInfo::operationStatusAsString)
        .containsOnly("SUCCESSFUL");
    assertThat(c.listApplicationOperations(r -> r.applicationName("runner").operation("StartApplication"))
        .applicationOperationInfoList()).extracting(ApplicationOperationInfo::operationId)
        .containsExactly(startId);
    var details = c.describeApplicationOperation(r -> r.applicationName("runner").operationId(stopId))
        .applicationOperationInfoDetails();
    assertThat(details.operation()).isEqualTo("StopApplication");
    assertThat(details.endTime()).isAfterOrEqualTo(details.startTime());
    assertThatThrownBy(() -> c.describeApplicationOperation(r -> r.applicationName("runner")
        .operationId("nope"))).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void snapshotsAreTakenRestoredAndDeleted() throws Exception {
    create("stateful", "FLINK-2_2", true);
    KinesisAnalyticsV2Client c = client();
    assertThatThrownBy(() -> c.createApplicationSnapshot(r -> r.applicationName("stateful")
        .snapshotName("early"))).isInstanceOf(ResourceInUseException.class);
    c.startApplication(r -> r.applicationName("stateful"));
    waitFor("stateful", "RUNNING");
    runtime.last().process(42);
    c.createApplicationSnapshot(r -> r.applicationName("stateful").snapshotName("at-42"));
    waitForSnapshot("stateful", "at-42");
    assertThatThrownBy(() -> c.createApplicationSnapshot(r -> r.applicationName("stateful")
        .snapshotName("at-42"))).isInstanceOf(InvalidArgumentException.class);
    runtime.last().process(8);
    c.stopApplication(r -> r.applicationName("stateful"));
    waitFor("stateful", "READY");
    List<SnapshotDetails> snapshots = c.listApplicationSnapshots(r -> r.applicationName("stateful"))
        .snapshotSummaries();
    assertThat(snapshots).hasSize(2); // at-42 and the one taken when it stopped
    assertThat(snapshots.get(0).snapshotName()).startsWith("rivulet-stop-");
    assertThat(snapshots).extracting(SnapshotDetails::snapshotStatusAsString).containsOnly("READY");

    c.startApplication(r -> r.applicationName("stateful")); // latest: the stop's snapshot
    waitFor("stateful", "RUNNING");
    assertThat(runtime.last().count).hasValue(50);
    c.stopApplication(r -> r.applicationName("stateful").force(true));
    waitFor("stateful", "READY");
    assertThat(runtime.last().stoppedWithForce).isTrue();

    c.startApplication(r -> r.applicationName("stateful").runConfiguration(rc -> rc
        .applicationRestoreConfiguration(x -> x.applicationRestoreType(
            ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT).snapshotName("at-42"))));
    waitFor("stateful", "RUNNING");
    assertThat(runtime.last().count).hasValue(42);
    c.stopApplication(r -> r.applicationName("stateful").force(true));
    waitFor("stateful", "READY");
    c.startApplication(r -> r.applicationName("stateful").runConfiguration(rc -> rc
        .applicationRestoreConfiguration(x -> x.applicationRestoreType(
            ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT))));
    waitFor("stateful", "RUNNING");
    assertThat(runtime.last().count).hasValue(0);
    assertThat(runtime.last().restoredFrom).isNull();
    c.stopApplication(r -> r.applicationName("stateful").force(true));
    waitFor("stateful", "READY");
    assertThatThrownBy(() -> c.startApplication(r -> r.applicationName("stateful").runConfiguration(
        rc -> rc.applicationRestoreConfiguration(x -> x.applicationRestoreType(
            ApplicationRestoreType.RESTORE_FROM_CUSTOM_SNAPSHOT).snapshotName("missing")))))
        .isInstanceOf(InvalidArgumentException.class);

    SnapshotDetails at42 = c.describeApplicationSnapshot(r -> r.applicationName("stateful")
        .snapshotName("at-42")).snapshotDetails();
    assertThat(at42.applicationVersionId()).isEqualTo(1L);
    assertThatThrownBy(() -> c.deleteApplicationSnapshot(r -> r.applicationName("stateful")
        .snapshotName("at-42").snapshotCreationTimestamp(at42.snapshotCreationTimestamp()
            .minusSeconds(60)))).isInstanceOf(InvalidArgumentException.class);
    c.deleteApplicationSnapshot(r -> r.applicationName("stateful").snapshotName("at-42")
        .snapshotCreationTimestamp(at42.snapshotCreationTimestamp()));
    assertThatThrownBy(() -> c.describeApplicationSnapshot(r -> r.applicationName("stateful")
        .snapshotName("at-42"))).isInstanceOf(ResourceNotFoundException.class);
    assertThat(rivulet.dataDir().resolve(
        "analytics/snapshots/000000000000/us-east-1/stateful/at-42")).doesNotExist();
  }

  @Test
  void snapshotsNeedThemEnabled() throws Exception {
    create("stateless", "FLINK-2_2", false);
    client().startApplication(r -> r.applicationName("stateless"));
    waitFor("stateless", "RUNNING");
    assertThatThrownBy(() -> client().createApplicationSnapshot(r -> r.applicationName("stateless")
        .snapshotName("s"))).isInstanceOf(InvalidApplicationConfigurationException.class);
    client().stopApplication(r -> r.applicationName("stateless"));
    waitFor("stateless", "READY");
  }

  @Test
  void updateRestartsTheJobAndRollbackReturnsToThePreviousVersion() throws Exception {
    create("evolving", "FLINK-2_2", true);
    KinesisAnalyticsV2Client c = client();
    c.startApplication(r -> r.applicationName("evolving"));
    waitFor("evolving", "RUNNING");
    runtime.last().process(7);
    var updated = c.updateApplication(r -> r.applicationName("evolving").currentApplicationVersionId(1L)
        .applicationConfigurationUpdate(u -> u.environmentPropertyUpdates(e -> e.propertyGroups(
            g -> g.propertyGroupId("app").propertyMap(java.util.Map.of("window", "10m"))))));
    assertThat(updated.operationId()).isNotBlank();
    assertThat(updated.applicationDetail().applicationStatusAsString()).isEqualTo("UPDATING");
    assertThat(waitFor("evolving", "RUNNING")).isEqualTo("RUNNING");
    TestRuntime.Job second = runtime.last();
    assertThat(second.spec.versionId()).isEqualTo(2L);
    assertThat(second.spec.properties().get("app")).containsEntry("window", "10m");
    assertThat(second.count).hasValue(7); // restored from the snapshot taken for the update

    var rolled = c.rollbackApplication(r -> r.applicationName("evolving").currentApplicationVersionId(2L));
    assertThat(rolled.applicationDetail().applicationVersionId()).isEqualTo(3L);
    assertThat(rolled.applicationDetail().applicationVersionRolledBackFrom()).isEqualTo(2L);
    assertThat(rolled.applicationDetail().applicationVersionRolledBackTo()).isEqualTo(1L);
    assertThat(waitFor("evolving", "RUNNING")).isEqualTo("RUNNING");
    assertThat(runtime.last().spec.properties().get("app")).containsEntry("window", "5m");

    var versions = c.listApplicationVersions(r -> r.applicationName("evolving"))
        .applicationVersionSummaries();
    assertThat(versions).extracting(v -> v.applicationVersionId()).containsExactly(3L, 2L, 1L);
    var v2 = c.describeApplicationVersion(r -> r.applicationName("evolving").applicationVersionId(2L))
        .applicationVersionDetail();
    assertThat(v2.applicationConfigurationDescription().environmentPropertyDescriptions()
        .propertyGroupDescriptions().get(0).propertyMap()).containsEntry("window", "10m");
    assertThatThrownBy(() -> c.describeApplicationVersion(r -> r.applicationName("evolving")
        .applicationVersionId(9L))).isInstanceOf(ResourceNotFoundException.class);
    var update = c.listApplicationOperations(r -> r.applicationName("evolving")
        .operation("UpdateApplication")).applicationOperationInfoList().get(0);
    var info = c.describeApplicationOperation(r -> r.applicationName("evolving")
        .operationId(update.operationId())).applicationOperationInfoDetails();
    assertThat(info.applicationVersionChangeDetails().applicationVersionUpdatedFrom()).isEqualTo(1L);
    assertThat(info.applicationVersionChangeDetails().applicationVersionUpdatedTo()).isEqualTo(2L);
    c.stopApplication(r -> r.applicationName("evolving").force(true));
    waitFor("evolving", "READY");
    assertThatThrownBy(() -> c.rollbackApplication(r -> r.applicationName("evolving")
        .currentApplicationVersionId(3L))).isInstanceOf(ResourceInUseException.class);
  }

  @Test
  void failedStartsEndReadyWithAFailedOperation() throws Exception {
    KinesisAnalyticsV2Client c = client();
    create("old-flink", "FLINK-1_20", false);
    String op = c.startApplication(r -> r.applicationName("old-flink")).operationId();
    assertThat(waitFor("old-flink", "READY")).isEqualTo("READY");
    Supplier<String> status = () -> c.describeApplicationOperation(r -> r.applicationName("old-flink")
        .operationId(op)).applicationOperationInfoDetails().operationStatusAsString();
    assertThat(status.get()).isEqualTo("FAILED");
    assertThat(c.describeApplicationOperation(r -> r.applicationName("old-flink").operationId(op))
        .applicationOperationInfoDetails().operationFailureDetails().errorInfo().errorString())
        .contains("No runtime for FLINK-1_20");

    c.createApplication(r -> r.applicationName("refused").runtimeEnvironment("FLINK-2_2")
        .serviceExecutionRole(ROLE).applicationConfiguration(a -> a.environmentProperties(e ->
            e.propertyGroups(g -> g.propertyGroupId("x").propertyMap(java.util.Map.of("k", "FAIL"))))));
    String refused = c.startApplication(r -> r.applicationName("refused")).operationId();
    waitFor("refused", "READY");
    Thread.sleep(50);
    assertThat(c.describeApplicationOperation(r -> r.applicationName("refused").operationId(refused))
        .applicationOperationInfoDetails().operationFailureDetails().errorInfo().errorString())
        .contains("test runtime refused");

    c.createApplication(r -> r.applicationName("crashing").runtimeEnvironment("FLINK-2_2")
        .serviceExecutionRole(ROLE));
    String crash = c.startApplication(r -> r.applicationName("crashing")).operationId();
    waitFor("crashing", "RUNNING");
    runtime.last().fail("java.lang.ArithmeticException: / by zero");
    assertThat(waitFor("crashing", "READY")).isEqualTo("READY");
    assertThat(c.describeApplicationOperation(r -> r.applicationName("crashing").operationId(crash))
        .applicationOperationInfoDetails().operationStatusAsString()).isEqualTo("SUCCESSFUL");
  }

  @Test
  void vpcConfigurationsAndPresignedUrl() throws Exception {
    ApplicationDetail a = create("networked", "FLINK-2_2", false);
    KinesisAnalyticsV2Client c = client();
    var vpc = c.addApplicationVpcConfiguration(r -> r.applicationName("networked")
        .conditionalToken(a.conditionalToken())
        .vpcConfiguration(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1")));
    assertThat(vpc.vpcConfigurationDescription().vpcConfigurationId()).isEqualTo("1.1");
    assertThat(vpc.vpcConfigurationDescription().vpcId()).startsWith("vpc-");
    assertThat(vpc.operationId()).isNotBlank();
    c.deleteApplicationVpcConfiguration(r -> r.applicationName("networked")
        .currentApplicationVersionId(2L).vpcConfigurationId("1.1"));
    assertThat(c.describeApplication(r -> r.applicationName("networked")).applicationDetail()
        .applicationConfigurationDescription().vpcConfigurationDescriptions()).isEmpty();
    assertThatThrownBy(() -> c.createApplicationPresignedUrl(r -> r.applicationName("networked")
        .urlType("FLINK_DASHBOARD_URL"))).isInstanceOf(ResourceInUseException.class);
    c.startApplication(r -> r.applicationName("networked"));
    waitFor("networked", "RUNNING");
    String url = c.createApplicationPresignedUrl(r -> r.applicationName("networked")
        .urlType("FLINK_DASHBOARD_URL")).authorizedUrl();
    assertThat(url).startsWith(rivulet.endpoint() + "/console/?authToken=").endsWith("#/analytics/networked");
    assertThat(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body())
        .contains("/console/app.js"); // the console's page
    assertThatThrownBy(() -> c.createApplicationPresignedUrl(r -> r.applicationName("networked")
        .urlType("ZEPPELIN_UI_URL"))).isInstanceOf(InvalidArgumentException.class);
    c.stopApplication(r -> r.applicationName("networked"));
    waitFor("networked", "READY");
  }

  @Test
  void metricsShowStatusJobStateAndCounters() throws Exception {
    create("measured", "FLINK-2_2", false);
    client().startApplication(r -> r.applicationName("measured"));
    waitFor("measured", "RUNNING");
    runtime.last().process(10);
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(rivulet.endpoint() + "/metrics"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    String labels = "account=\"000000000000\",application=\"measured\",region=\"us-east-1\"";
    assertThat(r.body())
        .contains("rivulet_analytics_application_status{" + labels + ",status=\"RUNNING\"} 1.0")
        .contains("rivulet_analytics_job_state{" + labels + ",state=\"RUNNING\"} 1.0")
        .contains("rivulet_analytics_records_in_total{" + labels + "} 10.0")
        .contains("rivulet_analytics_records_out_total{" + labels + "} 5.0")
        .contains("rivulet_analytics_last_checkpoint_timestamp_seconds{" + labels + "} 1.7E9");
    client().stopApplication(x -> x.applicationName("measured"));
    waitFor("measured", "READY");
  }

  @Test
  void asyncClientDescribes() throws Exception {
    create("async", "FLINK-2_2", false);
    ApplicationDetail d = rivulet.analyticsAsync().describeApplication(r -> r.applicationName("async"))
        .get().applicationDetail();
    assertThat(d.applicationName()).isEqualTo("async");
    assertThat(d.runtimeEnvironmentAsString()).isEqualTo("FLINK-2_2");
  }
}
