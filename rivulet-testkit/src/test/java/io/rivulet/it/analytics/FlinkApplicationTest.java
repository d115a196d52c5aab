package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.analytics.flink.EngineSettings;
import io.rivulet.analytics.flink.FlinkEngine;
import io.rivulet.analytics.flink.FlinkRuntimes;
import io.rivulet.analytics.flink.TestJars;
import io.rivulet.testkit.RivuletExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationRestoreType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.PropertyGroup;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;

/**
 * A FLINK-2_2 application jar built by the test (a fat jar with AWS's runtime library, reading
 * its EnvironmentProperties as on Managed Flink) run through the kinesisanalyticsv2 API on the
 * embedded engine: create, start, RUNNING, snapshot, stop (with a snapshot), start from the latest
 * snapshot, stop; what the job committed continues without loss or duplicates.
 */
class FlinkApplicationTest {
  static final String ROLE = "arn:aws:iam::000000000000:role/flink";

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension().withRuntimes(() -> {
    try {
      Path temp = Files.createTempDirectory("rivulet-flink-it-");
      return FlinkRuntimes.create(new FlinkEngine(EngineSettings.embedded(temp).withTaskSlots(4)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });

  @TempDir static Path dir;

  @Test
  void aFlinkJarRunsSnapshotsStopsAndResumesWithoutLossOrDuplicates() throws Exception {
    KinesisAnalyticsV2Client analytics = rivulet.analytics();
    Path jar = TestJars.countingJob(Files.createDirectories(dir.resolve("jars")));
    Path output = dir.resolve("out");
    analytics.createApplication(b -> b.applicationName("counter").runtimeEnvironment("FLINK-2_2")
        .serviceExecutionRole(ROLE)
        .applicationConfiguration(c -> c
            .applicationCodeConfiguration(code -> code.codeContentType(CodeContentType.ZIPFILE)
                .codeContent(cc -> cc.zipFileContent(SdkBytes.fromByteArray(read(jar)))))
            .environmentProperties(e -> e.propertyGroups(PropertyGroup.builder()
                .propertyGroupId("Job").propertyMap(Map.of("output", output.toString(),
                    "rate", "200", "name", "counter-job")).build()))
            .flinkApplicationConfiguration(f -> f.checkpointConfiguration(cp -> cp
                .configurationType(ConfigurationType.CUSTOM).checkpointingEnabled(true)
                .checkpointInterval(500L).minPauseBetweenCheckpoints(0L)))
            .applicationSnapshotConfiguration(s -> s.snapshotsEnabled(true))));

    analytics.startApplication(b -> b.applicationName("counter").runConfiguration(r -> r
        .applicationRestoreConfiguration(a -> a
            .applicationRestoreType(ApplicationRestoreType.SKIP_RESTORE_FROM_SNAPSHOT))));
    awaitStatus(analytics, "RUNNING");
    awaitCommitted(output, 1);

    analytics.createApplicationSnapshot(b -> b.applicationName("counter").snapshotName("first"));
    SnapshotDetails first = awaitSnapshot(analytics, "first");
    assertThat(first.snapshotStatusAsString()).isEqualTo("READY");

    analytics.stopApplication(b -> b.applicationName("counter").force(false));
    awaitStatus(analytics, "READY");
    long afterFirstRun = committed(output).size();
    assertThat(committed(output)).containsExactlyElementsOf(range(afterFirstRun));

    analytics.startApplication(b -> b.applicationName("counter").runConfiguration(r -> r
        .applicationRestoreConfiguration(a -> a
            .applicationRestoreType(ApplicationRestoreType.RESTORE_FROM_LATEST_SNAPSHOT))));
    awaitStatus(analytics, "RUNNING");
    awaitCommitted(output, afterFirstRun + 1);
    analytics.stopApplication(b -> b.applicationName("counter").force(true));
    awaitStatus(analytics, "READY");

    List<Long> all = committed(output);
    assertThat(all.size()).isGreaterThan((int) afterFirstRun);
    assertThat(all).containsExactlyElementsOf(range(all.size()));
  }

  static ApplicationDetail awaitStatus(KinesisAnalyticsV2Client analytics, String status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    ApplicationDetail detail;
    do {
      detail = analytics.describeApplication(b -> b.applicationName("counter")).applicationDetail();
      if (detail.applicationStatusAsString().equals(status)) {
        return detail;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    assertThat(detail.applicationStatusAsString()).isEqualTo(status);
    return detail;
  }

  static SnapshotDetails awaitSnapshot(KinesisAnalyticsV2Client analytics, String name)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    SnapshotDetails details;
    do {
      details = analytics.describeApplicationSnapshot(b -> b.applicationName("counter")
          .snapshotName(name)).snapshotDetails();
      if (!details.snapshotStatusAsString().equals("CREATING")) {
        return details;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return details;
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Long> range(long n) {
    return LongStream.range(0, n).boxed().toList();
  }

  /** The numbers in the FileSink's committed (visible) files, sorted. */
  static List<Long> committed(Path output) throws IOException {
    if (!Files.exists(output)) {
      return List.of();
    }
    List<Long> numbers = new ArrayList<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))::iterator) {
        Files.readAllLines(f).forEach(line -> numbers.add(Long.parseLong(line)));
      }
    }
    numbers.sort(null);
    return numbers;
  }

  static void awaitCommitted(Path output, long atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (committed(output).size() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(committed(output).size()).isGreaterThanOrEqualTo((int) atLeast);
  }
}
