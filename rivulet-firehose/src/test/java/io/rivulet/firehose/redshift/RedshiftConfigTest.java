package io.rivulet.firehose.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.protocol.AwsException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What CreateDeliveryStream / UpdateDestination reject in a Redshift configuration. */
class RedshiftConfigTest {

  private static Map<String, Object> valid() {
    Map<String, Object> s3 = new HashMap<>(Map.of(
        "RoleARN", "arn:aws:iam::123456789012:role/firehose",
        "BucketARN", "arn:aws:s3:::staging-bucket"));
    Map<String, Object> c = new HashMap<>();
    c.put("RoleARN", "arn:aws:iam::123456789012:role/firehose");
    c.put("ClusterJDBCURL", "jdbc:redshift://c1.abc.us-east-1.redshift.amazonaws.com:5439/dev");
    c.put("CopyCommand", new HashMap<>(Map.of("DataTableName", "events")));
    c.put("Username", "loader");
    c.put("Password", "secret-password");
    c.put("S3Configuration", s3);
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> s3(Map<String, Object> c) {
    return (Map<String, Object>) c.get("S3Configuration");
  }

  @Test
  void aValidConfigurationReadsWithFirehosesDefaults() {
    RedshiftConfig c = RedshiftConfig.from(valid());
    assertThat(c.retry()).isEqualTo(Duration.ofSeconds(3600));
    assertThat(c.bucket()).isEqualTo("staging-bucket");
    assertThat(c.prefix()).isEmpty();
    assertThat(c.columns()).isEmpty();
    assertThat(c.copyOptions()).isEmpty();
    assertThat(c.gzip()).isFalse();
    assertThat(c.toString()).doesNotContain("secret-password");
  }

  @Test
  void retryDurationAndGzipAreRead() {
    Map<String, Object> m = valid();
    m.put("RetryOptions", Map.of("DurationInSeconds", 0));
    s3(m).put("CompressionFormat", "GZIP");
    RedshiftConfig c = RedshiftConfig.from(m);
    assertThat(c.retry()).isZero();
    assertThat(c.gzip()).isTrue();
  }

  @Test
  void compressionRedshiftsCopyCannotReadIsRejected() {
    for (String format : new String[] {"ZIP", "Snappy", "HADOOP_SNAPPY"}) {
      Map<String, Object> m = valid();
      s3(m).put("CompressionFormat", format);
      assertInvalid(m, "CompressionFormat " + format + " is not supported");
    }
  }

  @Test
  void prefixExpressionsAndErrorOutputPrefixAreRejectedAsAwsDoes() {
    Map<String, Object> expression = valid();
    s3(expression).put("Prefix", "data/!{timestamp:yyyy}/");
    assertInvalid(expression, "Ths supplied prefix(es) do not satisfy the following constraint");
    Map<String, Object> errorPrefix = valid();
    s3(errorPrefix).put("ErrorOutputPrefix", "errors/");
    assertInvalid(errorPrefix, "ErrorOutputPrefix is currently not supported");
  }

  @Test
  void credentialsAreRequiredAndSecretsManagerIsNotAvailable() {
    Map<String, Object> noPassword = valid();
    noPassword.remove("Password");
    assertInvalid(noPassword, "Username and Password must be specified");
    Map<String, Object> secrets = valid();
    secrets.put("SecretsManagerConfiguration", Map.of("Enabled", true));
    assertInvalid(secrets, "SecretsManagerConfiguration is not supported");
  }

  @Test
  void backupModeEnabledNeedsABackupConfiguration() {
    Map<String, Object> m = valid();
    m.put("S3BackupMode", "Enabled");
    assertInvalid(m, "S3BackupConfiguration must be specified");
    m.put("S3BackupConfiguration", s3(valid()));
    RedshiftDestinationWriter.validate(m);
  }

  @Test
  void theJdbcUrlMustNameHostPortAndDatabase() {
    Map<String, Object> m = valid();
    m.put("ClusterJDBCURL", "jdbc:mysql://c1.redshift.example.com:3306/dev");
    assertInvalid(m, "ClusterJDBCURL must be of the form");
  }

  private static void assertInvalid(Map<String, Object> config, String message) {
    assertThatThrownBy(() -> RedshiftDestinationWriter.validate(config))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code().type()).isEqualTo("InvalidArgumentException");
          assertThat(e.code().status()).isEqualTo(400);
          assertThat(e.getMessage()).contains(message);
        });
  }
}
