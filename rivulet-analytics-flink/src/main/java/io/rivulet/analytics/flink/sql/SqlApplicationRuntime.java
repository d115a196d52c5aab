package io.rivulet.analytics.flink.sql;

import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import io.rivulet.analytics.flink.FlinkEngine;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.core.execution.JobClient;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.util.ExceptionUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs {@code SQL-1_0} applications: translates the code and SqlApplicationConfiguration to Flink
 * SQL ({@link SqlTranslator}), reads reference data from S3, and submits one job (a statement set
 * of one INSERT per output) through the environment the engine provides. Translation errors and
 * Flink's validation errors become {@link RuntimeFailure}s with the message the user sees.
 * Thread-safe.
 */
public final class SqlApplicationRuntime implements ApplicationRuntime {
  public static final String RUNTIME = "SQL-1_0";
  /** How often a SQL-1_0 job checkpoints its input positions and window state. */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  /** Where jobs run: the environment they are submitted through, and a handle on a job. */
  public interface Engine {
    /** An environment that submits to the cluster, with {@code configuration} applied. */
    StreamExecutionEnvironment environment(Configuration configuration) throws RuntimeFailure;

    /** The handle the control plane gets on a submitted job. */
    RunningApplication job(JobClient client, String name) throws RuntimeFailure;
  }

  /** Jobs through the engine's cluster (embedded or remote); job handles with its metrics. */
  public static Engine engine(FlinkEngine flink) {
    return new Engine() {
      @Override
      public StreamExecutionEnvironment environment(Configuration configuration)
          throws RuntimeFailure {
        Configuration c = flink.clientConfiguration();
        c.addAll(configuration);
        // not getExecutionEnvironment: outside a context it makes a local environment
        return new StreamExecutionEnvironment(c);
      }

      @Override
      public RunningApplication job(JobClient client, String name) throws RuntimeFailure {
        return flink.job(client.getJobID(), name);
      }
    };
  }

  /** How far event time trails the newest arrival time unless told otherwise. */
  public static final Duration DEFAULT_WATERMARK_DELAY = Duration.ofSeconds(1);

  /**
   * The SQL-1_0 runtime of a server on {@code flink}: streams in-process on the embedded engine
   * (over the Kinesis API at the server's endpoint when the engine is a remote cluster), Firehose
   * outputs and reference data through the server's endpoint and its S3 endpoint (null when S3 is
   * off), both asked when an application starts, i.e. once the server listens.
   */
  public static SqlApplicationRuntime forServer(FlinkEngine flink, Supplier<URI> endpoint,
      Supplier<URI> s3Endpoint) {
    return new SqlApplicationRuntime(engine(flink), () -> {
      String server = endpoint.get().toString();
      URI s3 = s3Endpoint.get();
      return new Settings(flink.isRemote() ? server : null, server,
          s3 == null ? null : s3.toString(), DEFAULT_WATERMARK_DELAY);
    });
  }

  /** Jobs through {@link StreamExecutionEnvironment#getExecutionEnvironment} (local; tests). */
  public static Engine local() {
    return new Engine() {
      @Override
      public StreamExecutionEnvironment environment(Configuration configuration) {
        return StreamExecutionEnvironment.getExecutionEnvironment(configuration);
      }

      @Override
      public RunningApplication job(JobClient client, String name) {
        return new SqlJob(client);
      }
    };
  }

  /**
   * Where the application's streams, delivery streams and reference data are.
   *
   * @param streamsEndpoint the Kinesis endpoint for jobs on a remote cluster; null in-process
   * @param firehoseEndpoint the endpoint Firehose outputs put records to (the server)
   * @param s3Endpoint the S3 endpoint reference data is read from
   * @param watermarkDelay how far event time may trail the newest arrival time (0 to 99 s)
   */
  public record Settings(String streamsEndpoint, String firehoseEndpoint, String s3Endpoint,
      Duration watermarkDelay) {}

  private final Engine engine;
  private final Supplier<Settings> settings;
  private final Set<RunningApplication> jobs = ConcurrentHashMap.newKeySet();

  /**
   * @param engine where jobs run
   * @param settings the endpoints, asked at every start (a server on port 0 knows them late)
   */
  public SqlApplicationRuntime(Engine engine, Supplier<Settings> settings) {
    this.engine = engine;
    this.settings = settings;
  }

  @Override
  public boolean supports(String runtimeEnvironment) {
    return RUNTIME.equals(runtimeEnvironment);
  }

  @Override
  public RunningApplication start(ApplicationSpec spec, Path restoreFrom,
      boolean allowNonRestoredState) throws RuntimeFailure {
    Translation tr = translate(spec);
    if (tr.sinks().isEmpty()) {
      throw new RuntimeFailure("the SQL-1_0 application has no outputs: add an Output that "
          + "names an in-application stream");
    }
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.NAME, spec.applicationName());
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
    if (restoreFrom != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
      conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
    }
    StreamExecutionEnvironment env = engine.environment(conf);
    TableResult result;
    try {
      env.setParallelism(Math.max(1, spec.parallelism()));
      StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
      tEnv.getConfig().set("table.local-time-zone", "UTC");
      tEnv.getConfig().set(PipelineOptions.NAME, spec.applicationName());
      tr.functions().forEach(tEnv::createTemporarySystemFunction);
      StatementSet set = tEnv.createStatementSet();
      for (Translation.Sink sink : tr.sinks()) {
        tEnv.executeSql(sink.ddl());
      }
      for (String statement : tr.statements()) {
        tEnv.executeSql(statement);
      }
      for (Translation.Sink sink : tr.sinks()) {
        set.addInsertSql(sink.insert());
      }
      result = set.execute();
    } catch (RuntimeException e) {
      throw new RuntimeFailure("the translated SQL-1_0 application was rejected by Flink: "
          + ExceptionUtils.stripExecutionException(e).getMessage(), e);
    }
    RunningApplication job = engine.job(result.getJobClient().orElseThrow(),
        spec.applicationName());
    jobs.add(job);
    return job;
  }

  /** The application's Flink SQL, or the error naming what cannot be translated. */
  Translation translate(ApplicationSpec spec) throws RuntimeFailure {
    if (spec.sqlCode() == null || spec.sqlCode().isBlank()) {
      throw new RuntimeFailure("the SQL-1_0 application has no code (TextContent)");
    }
    Settings s = settings.get();
    RivuletBindings bindings = new RivuletBindings(spec.account(), spec.region(),
        s.streamsEndpoint(), s.firehoseEndpoint(), s.watermarkDelay());
    try {
      return SqlTranslator.translate(spec.sqlCode(),
          SqlApplicationConfig.parse(spec.configuration()), bindings,
          (bucket, key) -> readS3(s.s3Endpoint(), spec.region(), bucket, key));
    } catch (TranslationException e) {
      throw new RuntimeFailure(e.getMessage(), e);
    }
  }

  private static byte[] readS3(String endpoint, String region, String bucket, String key)
      throws IOException {
    if (endpoint == null) {
      throw new IOException("no S3 endpoint is configured for reference data");
    }
    try (S3Client s3 = S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(region))
        .forcePathStyle(true)
        // checksums only where S3 requires them: S3-compatible stores (the embedded one too)
        // refuse the SDK's default checksum headers
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("rivulet", "rivulet")))
        .httpClient(UrlConnectionHttpClient.create())
        .build()) {
      return s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes())
          .asByteArray();
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (RunningApplication job : jobs) {
      try {
        if (job.state() == RunningApplication.JobState.RUNNING
            || job.state() == RunningApplication.JobState.STARTING) {
          job.stop(true, null);
        }
      } catch (RuntimeFailure e) {
        // closing: the engine goes away with it
      }
    }
    jobs.clear();
  }
}
