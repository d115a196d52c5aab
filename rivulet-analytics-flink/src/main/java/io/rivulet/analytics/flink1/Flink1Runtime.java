package io.rivulet.analytics.flink1;

import io.rivulet.analytics.flink.ApplicationProperties;
import io.rivulet.analytics.flink.JobSettings;
import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs {@code FLINK-1_18}, {@code FLINK-1_19} and {@code FLINK-1_20} application jars unchanged on
 * a Flink 1.20 cluster ({@link Flink1Cluster}: a child JVM, or a remote Flink 1.x cluster), as
 * {@code flink run} would: the jar (with its {@code config.properties} pointing at the
 * application's EnvironmentProperties, see {@link ApplicationProperties}) is uploaded to the
 * cluster's REST endpoint and run there with the application's parallelism, checkpointing, entry
 * class and arguments (property group {@value #RUN_OPTIONS}: entryClass, args) and savepoint to
 * restore from. Thread-safe.
 */
public final class Flink1Runtime implements ApplicationRuntime {
  /** The property group with Rivulet's run options, as for FLINK-2_2. */
  public static final String RUN_OPTIONS = "rivulet.flink.run.options";
  private static final Set<String> ENVIRONMENTS = Set.of("FLINK-1_18", "FLINK-1_19", "FLINK-1_20");

  private final Flink1Cluster cluster;

  public Flink1Runtime(Flink1Cluster cluster) {
    this.cluster = cluster;
  }

  public Flink1Cluster cluster() {
    return cluster;
  }

  @Override
  public boolean supports(String runtimeEnvironment) {
    return ENVIRONMENTS.contains(runtimeEnvironment);
  }

  @Override
  public RunningApplication start(ApplicationSpec spec, Path restoreFrom,
      boolean allowNonRestoredState) throws RuntimeFailure {
    requireJar(spec);
    Flink1Rest rest = cluster.rest();
    Path work = workDirectory(spec.applicationName());
    Path properties = ApplicationProperties.write(spec.properties(), work);
    Path jar = ApplicationProperties.prepareJar(spec.code(), properties, work);
    String jarId = rest.upload(jar);
    String jobId;
    try {
      jobId = rest.run(jarId, runRequest(spec, restoreFrom, allowNonRestoredState));
    } catch (RuntimeFailure e) {
      throw new RuntimeFailure("the application could not be run: " + e.getMessage(), e);
    } finally {
      rest.deleteJar(jarId);
    }
    return new Flink1Job(cluster, jobId, spec.applicationName());
  }

  /** The body of POST /jars/:id/run. */
  static Map<String, Object> runRequest(ApplicationSpec spec, Path restoreFrom,
      boolean allowNonRestoredState) {
    JobSettings settings = JobSettings.of(spec);
    Map<String, String> options = spec.properties().getOrDefault(RUN_OPTIONS, Map.of());
    Map<String, Object> request = new LinkedHashMap<>();
    if (options.get("entryClass") != null) {
      request.put("entryClass", options.get("entryClass"));
    }
    String args = options.getOrDefault("args", "").strip();
    request.put("programArgsList", args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+")));
    request.put("parallelism", settings.parallelism());
    if (restoreFrom != null) {
      request.put("savepointPath", restoreFrom.toAbsolutePath().toUri().toString());
      request.put("allowNonRestoredState", allowNonRestoredState);
    }
    Map<String, String> configuration = new LinkedHashMap<>();
    configuration.put("pipeline.name", settings.jobName());
    if (settings.checkpointing()) {
      configuration.put("execution.checkpointing.interval",
          settings.checkpointIntervalMillis() + " ms");
      configuration.put("execution.checkpointing.min-pause", settings.minPauseMillis() + " ms");
      configuration.put("execution.checkpointing.mode", "EXACTLY_ONCE");
    }
    request.put("flinkConfiguration", configuration);
    return request;
  }

  /** FLINK-1_x applications are jars (Flink SQL scripts run on FLINK-2_2). */
  private static void requireJar(ApplicationSpec spec) throws RuntimeFailure {
    if (spec.code() == null) {
      throw new RuntimeFailure("the application has no code: give ApplicationCodeConfiguration an"
          + " application jar");
    }
    try (InputStream in = Files.newInputStream(spec.code())) {
      if (!Arrays.equals(in.readNBytes(4), new byte[] {'P', 'K', 3, 4})) {
        throw new RuntimeFailure("the application code of a " + spec.runtimeEnvironment()
            + " application must be a jar");
      }
    } catch (IOException e) {
      throw new RuntimeFailure("could not read the application code: " + e.getMessage(), e);
    }
  }

  private Path workDirectory(String applicationName) throws RuntimeFailure {
    Path directory = cluster.settings().workDirectory().resolve("apps").resolve(
        applicationName.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
            + UUID.randomUUID().toString().substring(0, 8));
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new RuntimeFailure("could not create " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Stops the child cluster and its jobs; idempotent. */
  @Override
  public void close() {
    cluster.close();
  }
}
