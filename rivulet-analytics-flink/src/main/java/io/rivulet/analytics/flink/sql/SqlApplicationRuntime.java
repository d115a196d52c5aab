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

  /** Makes the environment jobs are submitted through (the engine's session cluster). */
  public interface Environments {
    StreamExecutionEnvironment create(Configuration configuration);
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

  private final Environments environments;
  private final Settings settings;
  private final Set<SqlJob> jobs = ConcurrentHashMap.newKeySet();

  public SqlApplicationRuntime(Environments environments, Settings settings) {
    this.environments = environments;
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
    if (restoreFrom != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
      conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
    }
    try {
      StreamExecutionEnvironment env = environments.create(conf);
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
      TableResult result = set.execute();
      SqlJob job = new SqlJob(result.getJobClient().orElseThrow());
      jobs.add(job);
      return job;
    } catch (RuntimeException e) {
      throw new RuntimeFailure("the translated SQL-1_0 application was rejected by Flink: "
          + ExceptionUtils.stripExecutionException(e).getMessage(), e);
    }
  }

  /** The application's Flink SQL, or the error naming what cannot be translated. */
  Translation translate(ApplicationSpec spec) throws RuntimeFailure {
    if (spec.sqlCode() == null || spec.sqlCode().isBlank()) {
      throw new RuntimeFailure("the SQL-1_0 application has no code (TextContent)");
    }
    RivuletBindings bindings = new RivuletBindings(spec.account(), spec.region(),
        settings.streamsEndpoint(), settings.firehoseEndpoint(), settings.watermarkDelay());
    try {
      return SqlTranslator.translate(spec.sqlCode(),
          SqlApplicationConfig.parse(spec.configuration()), bindings,
          (bucket, key) -> readS3(spec.region(), bucket, key));
    } catch (TranslationException e) {
      throw new RuntimeFailure(e.getMessage(), e);
    }
  }

  private byte[] readS3(String region, String bucket, String key) throws IOException {
    if (settings.s3Endpoint() == null) {
      throw new IOException("no S3 endpoint is configured for reference data");
    }
    try (S3Client s3 = S3Client.builder()
        .endpointOverride(URI.create(settings.s3Endpoint()))
        .region(Region.of(region))
        .forcePathStyle(true)
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
    for (SqlJob job : jobs) {
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
