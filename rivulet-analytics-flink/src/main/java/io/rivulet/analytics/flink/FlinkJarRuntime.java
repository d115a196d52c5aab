package io.rivulet.analytics.flink;

import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.ProgramInvocationException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;

/**
 * Runs {@code FLINK-2_2} applications on a {@link FlinkEngine}, as Managed Service for Apache Flink
 * runs them. The application's code is either
 * <ul>
 *   <li>a jar: its entry class (the manifest's {@code Main-Class} or {@code program-class}, or the
 *       {@code entryClass} property of the {@value #RUN_OPTIONS} property group) runs here, in the
 *       server, with the jar's classes in their own child-first class loader, as {@code flink run}
 *       runs it; the job it builds is submitted through the cluster's REST endpoint with the jar.
 *       Its EnvironmentProperties are where AWS's runtime library finds them ({@link
 *       ApplicationProperties}); program arguments come from the {@code args} property of
 *       {@value #RUN_OPTIONS} (space-separated);</li>
 *   <li>or a Flink SQL script (a Rivulet extension: code that is not a zip/jar, e.g. a {@code .sql}
 *       file, or PLAINTEXT TextContent): its statements run as in {@link FlinkSql}, with {@code
 *       ${PropertyGroupId.key}} replaced by the application's properties.</li>
 * </ul>
 * Parallelism and checkpointing come from the application's FlinkApplicationConfiguration ({@link
 * JobSettings}); a snapshot to restore from is a savepoint. Thread-safe.
 */
public final class FlinkJarRuntime implements ApplicationRuntime {
  /** The property group with Rivulet's run options: entryClass, args. */
  public static final String RUN_OPTIONS = "rivulet.flink.run.options";
  private static final Set<String> ENVIRONMENTS = Set.of("FLINK-2_2");

  private final FlinkEngine engine;

  public FlinkJarRuntime(FlinkEngine engine) {
    this.engine = engine;
  }

  /** The engine this runtime submits to. */
  public FlinkEngine engine() {
    return engine;
  }

  @Override
  public boolean supports(String runtimeEnvironment) {
    return ENVIRONMENTS.contains(runtimeEnvironment);
  }

  @Override
  public RunningApplication start(ApplicationSpec spec, Path restoreFrom,
      boolean allowNonRestoredState) throws RuntimeFailure {
    try {
      return startJob(spec, restoreFrom, allowNonRestoredState);
    } catch (LinkageError e) {
      throw new RuntimeFailure("the application could not be run: " + FlinkEngine.rootMessage(e),
          e);
    }
  }

  private RunningApplication startJob(ApplicationSpec spec, Path restoreFrom,
      boolean allowNonRestoredState) throws RuntimeFailure {
    JobSettings settings = JobSettings.of(spec);
    String sql = sqlScript(spec);
    if (sql != null) {
      return engine.submitSql(FlinkSql.split(FlinkSql.substitute(sql, spec.properties())),
          settings, restoreFrom, allowNonRestoredState);
    }
    Path work = engine.workDirectory(spec.applicationName());
    Path properties = ApplicationProperties.write(spec.properties(), work);
    Path jar = ApplicationProperties.prepareJar(spec.code(), properties, work);
    SavepointRestoreSettings restore = restoreFrom == null ? SavepointRestoreSettings.none()
        : SavepointRestoreSettings.forPath(restoreFrom.toUri().toString(), allowNonRestoredState);
    Configuration configuration = engine.clientConfiguration();
    settings.applyTo(configuration);
    Map<String, String> options = spec.properties().getOrDefault(RUN_OPTIONS, Map.of());
    JobGraph graph;
    try (PackagedProgram program = program(jar, options, configuration, restore)) {
      graph = PackagedProgramUtils.createJobGraph(program, configuration, settings.parallelism(),
          false);
    } catch (ProgramInvocationException e) {
      TempDirectory.delete(work);
      throw new RuntimeFailure(explain(e), e);
    } catch (RuntimeException | LinkageError e) {
      TempDirectory.delete(work);
      throw new RuntimeFailure("the application's main method failed: "
          + FlinkEngine.rootMessage(e), e);
    }
    graph.setSavepointRestoreSettings(restore);
    try {
      return engine.submit(graph).withWorkDirectory(work);
    } catch (RuntimeFailure e) {
      TempDirectory.delete(work);
      throw e;
    }
  }

  private static PackagedProgram program(Path jar, Map<String, String> options,
      Configuration configuration, SavepointRestoreSettings restore)
      throws ProgramInvocationException {
    String args = options.getOrDefault("args", "").strip();
    return PackagedProgram.newBuilder()
        .setJarFile(jar.toFile())
        .setEntryPointClassName(options.get("entryClass"))
        .setArguments(args.isEmpty() ? new String[0] : args.split("\\s+"))
        .setConfiguration(configuration)
        .setSavepointRestoreSettings(restore)
        .build();
  }

  /** What went wrong building the job, in the user's terms. */
  private static String explain(ProgramInvocationException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Neither a 'Main-Class', nor a 'program-class'")) {
      return "the application jar names no entry class: its manifest has no Main-Class (or"
          + " program-class), and the property group " + RUN_OPTIONS + " no entryClass";
    }
    if (message.contains("didn't contain a Flink job") || message.contains("no job")) {
      return "the application's main method built no Flink job (it never called execute())";
    }
    if (e.getCause() != null) {
      return "the application's main method failed: " + FlinkEngine.rootMessage(e.getCause());
    }
    return "the application could not be run: " + message;
  }

  /**
   * The application's Flink SQL script: PLAINTEXT code, or code that is not a zip/jar; null when
   * the code is a jar.
   *
   * @throws RuntimeFailure when there is no code at all, or it cannot be read
   */
  static String sqlScript(ApplicationSpec spec) throws RuntimeFailure {
    if (spec.code() == null) {
      if (spec.sqlCode() != null && !spec.sqlCode().isBlank()) {
        return spec.sqlCode();
      }
      throw new RuntimeFailure("the application has no code: give ApplicationCodeConfiguration an"
          + " application jar (or a Flink SQL script)");
    }
    try (InputStream in = Files.newInputStream(spec.code())) {
      byte[] head = in.readNBytes(4);
      if (Arrays.equals(head, new byte[] {'P', 'K', 3, 4})) {
        return null;
      }
      return Files.readString(spec.code(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RuntimeFailure("could not read the application code " + spec.code().getFileName()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Closes the engine (idempotent): its jobs end with it, including those of other runtimes that
   * share it, which is what a server shutting down wants.
   */
  @Override
  public void close() {
    engine.close();
  }
}
