package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.DestinationWriter;
import io.rivulet.firehose.util.Backoff;
import io.rivulet.firehose.util.RetryLoop;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Amazon Redshift destination (RedshiftDestinationConfiguration), as Firehose delivers to it:
 * each batch is staged to the intermediate bucket of S3Configuration with a manifest
 * ({@link Staging}), then loaded. The server behind ClusterJDBCURL is reached over the PostgreSQL
 * wire protocol and asked what it is: a real Redshift gets Firehose's
 * {@code COPY ... FROM '<manifest>' ... MANIFEST <CopyOptions>} ({@link RedshiftCopy}); PostgreSQL,
 * the self-hosted stand-in, gets the same staged data through {@code COPY ... FROM STDIN}, read as
 * Redshift would read it under the CopyOptions and loaded exactly once ({@link PostgresLoader}).
 *
 * <p>A failed load is retried with back-off (1 s doubling to 30 s, waiting through
 * {@link DeliveryContext#sleep}) until RetryOptions.DurationInSeconds (default 3600) has passed
 * since the first attempt began, the attempts' own time included ({@link RetryLoop.Budget#ELAPSED},
 * as Firehose documents for Redshift); 0 means one attempt. Then the batch is skipped as Firehose skips it: its
 * manifest is kept under {@code errors/manifests/} with the Firehose error code (e.g.
 * {@code Redshift.TableNotFound}) for a manual backfill, and counted as failed. ProcessingConfiguration
 * and the S3 backup are the delivery stream's business, not this writer's.
 *
 * <p>Thread-safe in the sense the engine needs: {@link #deliver} runs on one delivery thread at a
 * time, and {@link #close} may come from another (it aborts a load in progress).
 */
public final class RedshiftDestinationWriter implements DestinationWriter {
  /** The destination name in metrics. */
  public static final String DESTINATION = "Redshift";

  private static final Logger LOG = LoggerFactory.getLogger(RedshiftDestinationWriter.class);
  private static final String CONNECT_TIMEOUT_SECONDS = "10";
  private static final String SOCKET_TIMEOUT_SECONDS = "900";

  private final RedshiftConfig config;
  private final RetryLoop.Policy retries;
  private final DeliveryContext ctx;
  private final Staging staging;
  private final PostgresLoader postgres;
  private final String driverUrl;
  private final Driver driver = new org.postgresql.Driver();
  private volatile Connection current;
  private volatile boolean closed;

  /**
   * A writer for {@code config} (a RedshiftDestinationConfiguration as the request carried it)
   * that stages through {@code s3} (the caller's client, endpoint and credentials; not closed
   * here).
   */
  public RedshiftDestinationWriter(Map<String, Object> config, DeliveryContext ctx, S3Client s3) {
    this(config, ctx, s3, UnaryOperator.identity());
  }

  /**
   * As above, with an endpoint map: given ClusterJDBCURL's {@code "host:port"}, the
   * {@code "host:port"} to connect to instead (identity when there is no mapping).
   */
  public RedshiftDestinationWriter(Map<String, Object> config, DeliveryContext ctx, S3Client s3,
      UnaryOperator<String> endpointMap) {
    this.config = RedshiftConfig.from(config);
    this.retries = new RetryLoop.Policy(Backoff.ONE_TO_THIRTY_SECONDS, this.config.retry(),
        RetryLoop.Budget.ELAPSED);
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.staging = new Staging(s3, this.config.bucket(), this.config.prefix(), this.config.gzip());
    this.postgres = new PostgresLoader(this.config, staging);
    this.driverUrl = JdbcTarget.parse(this.config.jdbcUrl()).driverUrl(endpointMap);
  }

  /**
   * Checks a whole RedshiftDestinationConfiguration beyond the model's constraints (for an
   * UpdateDestination, the configuration after the update is merged); throws
   * {@code InvalidArgumentException} as an {@link io.rivulet.protocol.AwsException}.
   */
  public static void validate(Map<String, Object> config) {
    RedshiftConfig.validate(config);
  }

  @Override
  public void deliver(DeliveryBatch batch) throws DeliveryException, InterruptedException {
    if (batch.records().isEmpty()) {
      return;
    }
    Staging.Staged staged = staging.stage(batch);
    boolean[] loaded = new boolean[1];
    // every load failure is retryable (RedshiftError): a table created or a password fixed
    // meanwhile lets the batch through
    RetryLoop.Outcome outcome = RetryLoop.run(ctx, retries, () -> {
      try {
        loaded[0] = loadOnce(batch, staged);
      } catch (DeliveryException e) {
        LOG.debug("{} [{}..{}] attempt failed: {} {}", batch.deliveryStreamName(),
            batch.firstOffset(), batch.lastOffset(), e.errorCode(), e.getMessage());
        throw e;
      }
    }, () -> closed);
    if (outcome.succeeded()) {
      LOG.debug("{} [{}..{}] {} after {} attempt(s)", batch.deliveryStreamName(),
          batch.firstOffset(), batch.lastOffset(), loaded[0] ? "loaded" : "was loaded before",
          outcome.attempts());
      ctx.delivered(DESTINATION, batch.records().size(), staged.bytes(),
          batch.oldestArrivalMillis());
      return;
    }
    DeliveryException last = outcome.failure();
    if (closed) {
      throw last;
    }
    staging.writeFailedManifest(staged, last);
    ctx.failed(DESTINATION, batch.records().size());
    LOG.warn("{} [{}..{}] skipped after {} attempt(s): {} {}; manifest kept at s3://{}/{}",
        batch.deliveryStreamName(), batch.firstOffset(), batch.lastOffset(), outcome.attempts(),
        last.errorCode(), last.getMessage(), staged.bucket(), staged.failedManifestKey());
  }

  /** One attempt on a fresh connection; false when the batch was loaded before. */
  private boolean loadOnce(DeliveryBatch batch, Staging.Staged staged) throws DeliveryException {
    try (Connection c = connect()) {
      current = c;
      if (closed) {
        throw RedshiftError.CONNECTION_FAILED.failure("The writer is closing.");
      }
      if (isRedshift(c)) {
        RedshiftCopy.load(c, config, staged);
        return true;
      }
      return postgres.load(c, batch, staged);
    } catch (SQLException e) {
      throw SqlErrors.classify(e, null);
    } finally {
      current = null;
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", config.username());
    props.setProperty("password", config.password());
    props.setProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
    props.setProperty("loginTimeout", CONNECT_TIMEOUT_SECONDS);
    props.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "Rivulet Firehose");
    Connection c = driver.connect(driverUrl, props);
    if (c == null) {
      throw new SQLException("The PostgreSQL driver does not accept " + driverUrl, "08001");
    }
    return c;
  }

  /** Redshift answers {@code version()} with "... Redshift ..."; PostgreSQL does not. */
  private static boolean isRedshift(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
      return rs.next() && rs.getString(1) != null && rs.getString(1).contains("Redshift");
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c = current;
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (SQLException e) {
        LOG.debug("aborting a Redshift load on close", e);
      }
    }
  }
}
