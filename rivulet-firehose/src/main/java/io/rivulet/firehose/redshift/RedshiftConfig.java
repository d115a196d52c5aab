package io.rivulet.firehose.redshift;

import static io.rivulet.firehose.util.ConfigValues.integer;
import static io.rivulet.firehose.util.ConfigValues.invalid;
import static io.rivulet.firehose.util.ConfigValues.string;
import static io.rivulet.firehose.util.ConfigValues.struct;

import io.rivulet.firehose.util.ConfigValues;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A RedshiftDestinationConfiguration as the writer uses it, read from the request's raw map
 * (member names as in the model), and the checks Firehose makes of it at CreateDeliveryStream and
 * UpdateDestination time beyond the model's own constraints. Immutable.
 *
 * @param roleArn the delivery stream's role; Redshift's COPY reads the staged files with it
 * @param jdbcUrl ClusterJDBCURL as configured
 * @param table CopyCommand.DataTableName, as written (it goes into the COPY command verbatim)
 * @param columns CopyCommand.DataTableColumns as written, or "" for all columns
 * @param copyOptions CopyCommand.CopyOptions as written, or ""
 * @param retry RetryOptions.DurationInSeconds (default 3600 s)
 * @param bucket the intermediate bucket, from S3Configuration.BucketARN
 * @param prefix S3Configuration.Prefix, or ""
 * @param gzip whether S3Configuration.CompressionFormat is GZIP
 */
record RedshiftConfig(String roleArn, String jdbcUrl, String table, String columns,
    String copyOptions, String username, String password, Duration retry, String bucket,
    String prefix, boolean gzip) {

  static final Duration DEFAULT_RETRY = Duration.ofSeconds(3600);

  /** Compression formats Redshift's COPY cannot read from the intermediate bucket. */
  private static final Set<String> UNREADABLE_BY_COPY = Set.of("ZIP", "Snappy", "HADOOP_SNAPPY");

  /** Reads a configuration that {@link #validate} accepted. */
  static RedshiftConfig from(Map<String, Object> config) {
    validate(config);
    Map<String, Object> copy = struct(config, "CopyCommand");
    Map<String, Object> s3 = struct(config, "S3Configuration");
    long seconds = integer(struct(config, "RetryOptions"), "DurationInSeconds",
        DEFAULT_RETRY.toSeconds(), 0, 7200);
    return new RedshiftConfig(string(config, "RoleARN"), string(config, "ClusterJDBCURL"),
        string(copy, "DataTableName").trim(), orEmpty(string(copy, "DataTableColumns")).trim(),
        orEmpty(string(copy, "CopyOptions")).trim(), string(config, "Username"),
        string(config, "Password"),
        Duration.ofSeconds(seconds),
        bucketName(string(s3, "BucketARN")), orEmpty(string(s3, "Prefix")),
        "GZIP".equals(string(s3, "CompressionFormat")));
  }

  /**
   * Checks a whole RedshiftDestinationConfiguration (after an UpdateDestination is merged into
   * the current one) for what the model's shapes cannot say; throws InvalidArgumentException.
   */
  static void validate(Map<String, Object> config) {
    Map<String, Object> copy = struct(config, "CopyCommand");
    if (orEmpty(string(copy, "DataTableName")).isBlank()) {
      throw invalid("CopyCommand.DataTableName must be specified.");
    }
    try {
      JdbcTarget.parse(string(config, "ClusterJDBCURL"));
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    validateCredentials(config);
    integer(struct(config, "RetryOptions"), "DurationInSeconds", 0, 0, 7200);
    validateStaging(struct(config, "S3Configuration"));
    if ("Enabled".equals(string(config, "S3BackupMode"))
        && config.get("S3BackupConfiguration") == null) {
      throw invalid("S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
    }
  }

  private static void validateCredentials(Map<String, Object> config) {
    ConfigValues.noSecretsManager(config, "Username and Password");
    if (string(config, "Username") == null || string(config, "Password") == null) {
      throw invalid("Username and Password must be specified when SecretsManagerConfiguration"
          + " is not enabled.");
    }
  }

  private static void validateStaging(Map<String, Object> s3) {
    if (s3.isEmpty()) {
      throw invalid("S3Configuration must be specified.");
    }
    String compression = string(s3, "CompressionFormat");
    if (compression != null && UNREADABLE_BY_COPY.contains(compression)) {
      throw invalid("CompressionFormat " + compression + " is not supported for the Amazon S3"
          + " destination of an Amazon Redshift destination: the Amazon Redshift COPY command"
          + " reads UNCOMPRESSED or GZIP data only.");
    }
    String prefix = orEmpty(string(s3, "Prefix"));
    if (prefix.contains("!{") || !orEmpty(string(s3, "ErrorOutputPrefix")).isEmpty()) {
      // AWS's own wording, its spelling included
      throw invalid("Ths supplied prefix(es) do not satisfy the following constraint: Prefix"
          + " Expressions or ErrorOutputPrefix is currently not supported for this destination");
    }
    String arn = string(s3, "BucketARN");
    if (arn == null || bucketName(arn).isEmpty()) {
      throw invalid("S3Configuration.BucketARN must be an S3 bucket ARN (arn:aws:s3:::bucket).");
    }
  }

  /** The bucket of {@code arn:aws:s3:::bucket}. */
  static String bucketName(String arn) {
    int i = arn.indexOf(":::");
    return i < 0 ? "" : arn.substring(i + 3);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  @Override
  public String toString() {
    // never the password
    return String.format(Locale.ROOT, "RedshiftConfig[%s, table=%s, bucket=%s]", jdbcUrl, table,
        bucket);
  }
}
