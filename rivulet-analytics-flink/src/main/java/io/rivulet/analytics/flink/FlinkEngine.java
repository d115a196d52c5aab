package io.rivulet.analytics.flink;

import io.rivulet.analytics.runtime.RuntimeFailure;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.SerializedThrowable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink cluster Analytics applications run on: one long-lived embedded session {@link
 * MiniCluster} (started on first use, so a server that never runs an application never pays for
 * Flink), or a remote cluster named by host:port. Either way jobs go through the cluster's REST
 * endpoint with a {@link RestClusterClient}, the path {@code flink run} takes against a real
 * cluster: the embedded cluster binds its REST endpoint to 127.0.0.1 on a free port.
 *
 * <p>Flink writes its temporary files (the RPC system's jar, blobs, uploaded jars, spill files,
 * each application's work files) only under {@link EngineSettings#tempDirectory()}, which is emptied
 * on start and deleted on {@link #close()}; the table planner's jar, which Flink extracts into
 * {@code java.io.tmpdir} once per JVM whatever it is told, is swept there on start once no process
 * has it open any more ({@link PlannerJar}).
 *
 * <p>Thread-safe: start and close are serialized; jobs are submitted and queried concurrently.
 */
public final class FlinkEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FlinkEngine.class);
  /** How long a savepoint, a stop with savepoint or a submission may take. */
  static final long OPERATION_TIMEOUT_SECONDS = 120;
  /** The largest request or response body on the REST endpoint (jars are uploaded through it). */
  private static final String MAX_REST_CONTENT = Integer.toString(512 * 1024 * 1024);

  private final EngineSettings settings;
  private final Set<JobID> jobs = ConcurrentHashMap.newKeySet();
  private MiniCluster cluster;
  private volatile RestClusterClient<StandaloneClusterId> client;
  private volatile URI restAddress;
  private volatile JobRestReader reader;
  private boolean closed;

  public FlinkEngine(EngineSettings settings) {
    this.settings = settings;
  }

  public EngineSettings settings() {
    return settings;
  }

  /** True when jobs go to a remote cluster. */
  public boolean isRemote() {
    return settings.isRemote();
  }

  /**
   * Starts the embedded cluster (or connects to the remote one) unless done already: empties the
   * temporary directory, starts the MiniCluster and opens a REST client to it.
   *
   * @throws RuntimeFailure when the cluster cannot be started or reached
   */
  public synchronized void start() throws RuntimeFailure {
    if (closed) {
      throw new RuntimeFailure("the Flink engine has been shut down");
    }
    if (client != null) {
      return;
    }
    long begin = System.nanoTime();
    TempDirectory.reset(settings.tempDirectory());
    PlannerJar.sweepStale();
    Configuration configuration = baseConfiguration();
    try {
      URI address;
      if (settings.isRemote()) {
        EngineSettings.HostPort hostPort = EngineSettings.parseHostPort(settings.remoteCluster());
        address = URI.create("http://" + hostPort.host() + ":" + hostPort.port());
      } else {
        address = startMiniCluster(configuration);
      }
      configuration.setString("rest.address", address.getHost());
      configuration.setString("rest.port", Integer.toString(address.getPort()));
      client = new RestClusterClient<>(configuration, StandaloneClusterId.getInstance());
      restAddress = address;
      reader = new JobRestReader(address);
      if (settings.isRemote()) {
        reader.checkReachable();
      }
    } catch (RuntimeFailure e) {
      stopLocked();
      throw e;
    } catch (Exception | LinkageError e) {
      stopLocked();
      throw new RuntimeFailure("could not start the Flink engine: " + rootMessage(e), e);
    }
    log.info("Flink engine {} at {} in {} ms (temporary files: {})",
        settings.isRemote() ? "connected to remote cluster" : "started: embedded cluster",
        restAddress, (System.nanoTime() - begin) / 1_000_000, settings.tempDirectory());
  }

  private URI startMiniCluster(Configuration configuration) throws Exception {
    MiniClusterConfiguration miniConfiguration = new MiniClusterConfiguration.Builder()
        .setConfiguration(configuration)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(settings.taskSlots())
        .build();
    cluster = new MiniCluster(miniConfiguration);
    cluster.start();
    return cluster.getRestAddress().get(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** The configuration of the cluster and of every client: temporary directories, REST, memory. */
  private Configuration baseConfiguration() {
    Path temp = settings.tempDirectory().toAbsolutePath();
    Configuration configuration = new Configuration();
    configuration.setString("io.tmp.dirs", temp.resolve("io").toString());
    configuration.setString("web.tmpdir", temp.resolve("web").toString());
    configuration.setString("blob.storage.directory", temp.resolve("blobs").toString());
    configuration.setString("rest.bind-address", "127.0.0.1");
    configuration.setString("rest.address", "127.0.0.1");
    configuration.setString("rest.bind-port", "0");
    configuration.setString("rest.server.max-content-length", MAX_REST_CONTENT);
    configuration.setString("rest.client.max-content-length", MAX_REST_CONTENT);
    configuration.setString("taskmanager.memory.managed.size", settings.managedMemory());
    configuration.setString("taskmanager.memory.network.min", "32m");
    configuration.setString("taskmanager.memory.network.max", "32m");
    // metrics the REST endpoint serves are at most this old (Flink's default: 10 s)
    configuration.setString("metrics.fetcher.update-interval", "1000");
    // and job details at most this old (Flink's default: 3 s)
    configuration.setString("web.refresh-interval", "1000");
    // no Kerberos here: with hadoop-common on the class path (Firehose's Parquet/ORC writers) the
    // Hadoop delegation-token provider would start and fail on a missing commons-configuration2
    configuration.setString("security.delegation.tokens.enabled", "false");
    return configuration;
  }

  /** The REST endpoint jobs are submitted to, e.g. http://127.0.0.1:41234; starts the engine. */
  public URI restAddress() throws RuntimeFailure {
    start();
    return restAddress;
  }

  /**
   * A configuration for clients that submit to this engine themselves (a TableEnvironment, a
   * StreamExecutionEnvironment): execution target "remote" at the REST endpoint, detached, Flink's
   * temporary directories, and on a remote cluster the jars every job carries. A fresh copy each
   * call; starts the engine.
   */
  public Configuration clientConfiguration() throws RuntimeFailure {
    start();
    Configuration configuration = new Configuration(client.getFlinkConfiguration());
    configuration.setString("execution.target", "remote");
    configuration.setString("execution.attached", "false");
    if (settings.isRemote() && !settings.remoteJars().isEmpty()) {
      configuration.setString("pipeline.jars", String.join(";", settings.remoteJars().stream()
          .map(p -> p.toAbsolutePath().toUri().toString()).toList()));
    }
    return configuration;
  }

  /**
   * A StreamExecutionEnvironment whose jobs go to this engine through its REST endpoint: {@link
   * #clientConfiguration()} with {@code jobConfiguration} on top (job name, parallelism,
   * checkpointing, a savepoint to restore from ...). Table environments made from it submit there
   * too. Starts the engine.
   */
  public StreamExecutionEnvironment streamEnvironment(Configuration jobConfiguration)
      throws RuntimeFailure {
    Configuration configuration = clientConfiguration();
    configuration.addAll(jobConfiguration);
    // not getExecutionEnvironment(configuration): outside a client context that makes a local
    // environment, which would run the job in a MiniCluster of its own
    return new StreamExecutionEnvironment(configuration);
  }

  /**
   * A new, empty directory under the temporary directory for one application's work files (its
   * properties file, its prepared jar); removed with the rest on close.
   */
  public Path workDirectory(String applicationName) throws RuntimeFailure {
    start();
    String safe = applicationName.replaceAll("[^A-Za-z0-9_.-]", "_");
    Path directory = settings.tempDirectory().resolve("apps")
        .resolve(safe + "-" + UUID.randomUUID().toString().substring(0, 8));
    try {
      return Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new RuntimeFailure("could not create " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Submits a job graph through the REST endpoint (its jars are uploaded with it; on a remote
   * cluster the {@link EngineSettings#remoteJars()} too) and returns a handle on the job.
   */
  public FlinkJob submit(JobGraph graph) throws RuntimeFailure {
    start();
    if (settings.isRemote()) {
      for (Path jar : settings.remoteJars()) {
        graph.addJar(new org.apache.flink.core.fs.Path(jar.toAbsolutePath().toUri()));
      }
    }
    try {
      JobID id = await(client.submitJob(graph), "submit job " + graph.getName());
      jobs.add(id);
      return new FlinkJob(this, id, graph.getName());
    } catch (RuntimeFailure e) {
      throw new RuntimeFailure("Flink did not accept the job: " + e.getMessage(), e.getCause());
    }
  }

  /**
   * Runs a Flink SQL script as one job (see {@link FlinkSql}): DDL and SET statements are
   * executed in order, the INSERT statements become the job. {@code restoreFrom} is a savepoint
   * directory or null.
   */
  public FlinkJob submitSql(List<String> statements, JobSettings jobSettings, Path restoreFrom,
      boolean allowNonRestoredState) throws RuntimeFailure {
    Configuration configuration = clientConfiguration();
    jobSettings.applyTo(configuration);
    if (restoreFrom != null) {
      SavepointRestoreSettings.toConfiguration(
          SavepointRestoreSettings.forPath(restoreFrom.toUri().toString(), allowNonRestoredState),
          configuration);
    }
    JobID id = FlinkSql.execute(statements, configuration);
    jobs.add(id);
    return new FlinkJob(this, id, jobSettings.jobName());
  }

  /** A handle on a job of this cluster, e.g. one submitted before. */
  public FlinkJob job(JobID id, String name) throws RuntimeFailure {
    start();
    return new FlinkJob(this, id, name);
  }

  JobRestReader reader() throws RuntimeFailure {
    start();
    return reader;
  }

  /** The job's status, as the cluster reports it. */
  JobStatus status(JobID id) throws RuntimeFailure {
    start();
    return await(client.getJobStatus(id), "read the status of job " + id);
  }

  /** The root cause of a failed job ("ClassName: message"), or null. */
  String failureCause(JobID id) throws RuntimeFailure {
    start();
    JobResult result = await(client.requestJobResult(id), "read the result of job " + id);
    return result.getSerializedThrowable().map(FlinkEngine::rootCause).orElse(null);
  }

  /** Triggers a savepoint into {@code directory}; returns where it was written (a URI string). */
  String savepoint(JobID id, Path directory) throws RuntimeFailure {
    start();
    return await(client.triggerSavepoint(id, directory.toAbsolutePath().toUri().toString(),
        SavepointFormatType.CANONICAL), "take a savepoint of job " + id);
  }

  /** Stops the job with a savepoint into {@code directory}; returns where it was written. */
  String stopWithSavepoint(JobID id, Path directory) throws RuntimeFailure {
    start();
    String path = await(client.stopWithSavepoint(id, false,
        directory.toAbsolutePath().toUri().toString(), SavepointFormatType.CANONICAL),
        "stop job " + id + " with a savepoint");
    jobs.remove(id);
    return path;
  }

  /** Cancels the job and waits (a while) until it is. */
  void cancel(JobID id) throws RuntimeFailure {
    start();
    JobStatus status = status(id);
    if (!status.isGloballyTerminalState()) {
      await(client.cancel(id), "cancel job " + id);
    }
    jobs.remove(id);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!status(id).isGloballyTerminalState() && System.nanoTime() < deadline) {
      sleep(50);
    }
  }

  /**
   * Cancels the jobs this engine submitted to a remote cluster and stops the embedded cluster (its
   * jobs end with it), then deletes the temporary directory. Idempotent.
   */
  @Override
  public synchronized void close() {
    closed = true;
    if (settings.isRemote() && client != null) {
      for (JobID id : Set.copyOf(jobs)) {
        try {
          client.cancel(id).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          log.warn("could not cancel Flink job {} on the remote cluster: {}", id, e.toString());
        }
      }
    }
    stopLocked();
  }

  private void stopLocked() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception e) {
        log.warn("the embedded Flink cluster did not stop cleanly: {}", e.toString());
      }
      cluster = null;
    }
    jobs.clear();
    TempDirectory.delete(settings.tempDirectory());
  }

  /** Waits for a cluster operation; a failure or time-out becomes a RuntimeFailure. */
  static <T> T await(Future<T> future, String what) throws RuntimeFailure {
    try {
      return future.get(OPERATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("interrupted while waiting to " + what, e);
    } catch (ExecutionException e) {
      throw new RuntimeFailure("could not " + what + ": " + rootMessage(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new RuntimeFailure("timed out after " + OPERATION_TIMEOUT_SECONDS + " s waiting to "
          + what, e);
    }
  }

  /** The innermost cause's message, with its class when the message alone says little. */
  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String className = root instanceof SerializedThrowable s
        ? s.getOriginalErrorClassName() : root.getClass().getName();
    String message = root.getMessage();
    return message == null || message.isBlank() ? className
        : className.substring(className.lastIndexOf('.') + 1) + ": " + message;
  }

  private static String rootCause(SerializedThrowable error) {
    return rootMessage(error);
  }

  static void sleep(long millis) throws RuntimeFailure {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("interrupted", e);
    }
  }
}
