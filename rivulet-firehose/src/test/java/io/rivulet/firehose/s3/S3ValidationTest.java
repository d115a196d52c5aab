package io.rivulet.firehose.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.protocol.AwsException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** CreateDeliveryStream-time checks of an S3 configuration, with Firehose's error and wording. */
class S3ValidationTest {
  static Map<String, Object> config(String prefix, String errorPrefix) {
    Map<String, Object> c = new HashMap<>();
    c.put("BucketARN", "arn:aws:s3:::bucket");
    c.put("RoleARN", "arn:aws:iam::000000000000:role/firehose");
    if (prefix != null) {
      c.put("Prefix", prefix);
    }
    if (errorPrefix != null) {
      c.put("ErrorOutputPrefix", errorPrefix);
    }
    return c;
  }

  static Map<String, Object> dynamic(Map<String, Object> c) {
    c.put("DynamicPartitioningConfiguration", Map.of("Enabled", true));
    return c;
  }

  static AbstractThrowableAssert<?, ? extends Throwable> rejects(Map<String, Object> c) {
    return assertThatThrownBy(() -> S3DestinationWriter.validate(c))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code().type()).isEqualTo("InvalidArgumentException");
          assertThat(e.code().status()).isEqualTo(400);
        });
  }

  @Test
  void acceptsWhatTheGuideAccepts() {
    for (Map<String, Object> ok : List.of(
        config(null, null),
        config("static/", null),
        config(null, "myFirehoseFailures/!{firehose:error-output-type}/"),
        config("myFirehose/DeliveredYear=!{timestamp:yyyy}/anyMonth/rand=!{firehose:random-string}",
            "myFirehoseFailures/!{firehose:error-output-type}/!{timestamp:yyyy}/anyMonth/!{timestamp:dd}"),
        config("a/", "errors/"),
        dynamic(config("customer_id=!{partitionKeyFromQuery:customer_id}/", "errors/")),
        dynamic(config("!{partitionKeyFromLambda:k}/!{timestamp:yyyy}/", "e/!{firehose:error-output-type}/")))) {
      assertThatCode(() -> S3DestinationWriter.validate(ok)).as("%s", ok).doesNotThrowAnyException();
    }
  }

  @Test
  void expressionsInPrefixNeedAnErrorOutputPrefix() {
    rejects(config("!{timestamp:yyyy/MM/dd}", null)).hasMessage("Ths supplied prefix(es) do not"
        + " satisfy the following constraint: ErrorOutputPrefix cannot be null or empty when Prefix"
        + " contains expressions");
    rejects(config("!{timestamp:yyyy/MM/dd}", "")).hasMessageContaining("cannot be null or empty");
  }

  @Test
  void partitionKeyNamespacesNeedDynamicPartitioning() {
    rejects(config("!{partitionKeyFromQuery:id}/", "errors/")).hasMessage("Dynamic Partitioning"
        + " Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled.");
  }

  @Test
  void theErrorPrefixCannotUsePartitionKeys() {
    rejects(dynamic(config("!{partitionKeyFromQuery:id}/", "e/!{firehose:error-output-type}/!{partitionKeyFromQuery:id}")))
        .hasMessageContaining("ErrorOutputPrefix cannot contain the partitionKeyFromQuery");
  }

  @Test
  void dynamicPartitioningNeedsAnErrorOutputPrefix() {
    rejects(dynamic(config("!{partitionKeyFromQuery:id}/", null)))
        .hasMessageContaining("ErrorOutputPrefix cannot be null or empty");
  }

  @Test
  void errorOutputTypeBelongsToTheErrorPrefixOnly() {
    rejects(config("!{firehose:error-output-type}/", "e/!{firehose:error-output-type}"))
        .hasMessageContaining("Prefix cannot contain !{firehose:error-output-type}");
    rejects(config("!{timestamp:yyyy}/", "e/!{timestamp:yyyy}/"))
        .hasMessageContaining("must contain at least one !{firehose:error-output-type}");
  }

  @Test
  void malformedExpressionsAreRejected() {
    rejects(config("a/!{timestamp:yyyy", "e/")).hasMessageStartingWith(S3Validation.CONSTRAINT);
    rejects(config("!{bogus:x}/", "e/!{firehose:error-output-type}")).hasMessageContaining("bogus");
    rejects(config("!{timestamp:yyyyT}/", "e/!{firehose:error-output-type}")).hasMessageContaining("DateTimeFormatter");
  }

  @Test
  void timeZoneBucketAndFormatConversionRules() {
    Map<String, Object> zone = config(null, null);
    zone.put("CustomTimeZone", "Mars/Olympus");
    rejects(zone).hasMessageContaining("CustomTimeZone");

    rejects(withBucket("not-an-arn")).hasMessageContaining("BucketARN");

    Map<String, Object> conversion = config(null, null);
    conversion.put("DataFormatConversionConfiguration", S3DestinationWriterTest.parquetConversion());
    conversion.put("CompressionFormat", "GZIP");
    rejects(conversion).hasMessageContaining("UNCOMPRESSED");
    conversion.put("CompressionFormat", "UNCOMPRESSED");
    conversion.put("BufferingHints", Map.of("SizeInMBs", 5, "IntervalInSeconds", 60));
    rejects(conversion).hasMessageContaining("at least 64");
    conversion.put("BufferingHints", Map.of("SizeInMBs", 64));
    assertThatCode(() -> S3DestinationWriter.validate(conversion)).doesNotThrowAnyException();
    conversion.put("DataFormatConversionConfiguration", Map.of("Enabled", false));
    conversion.put("CompressionFormat", "GZIP");
    assertThatCode(() -> S3DestinationWriter.validate(conversion)).doesNotThrowAnyException();
  }

  static Map<String, Object> withBucket(String arn) {
    Map<String, Object> c = config(null, null);
    c.put("BucketARN", arn);
    return c;
  }

  @Test
  void backupNeedsItsConfigurationAndFollowsThePlainRules() {
    Map<String, Object> c = config(null, null);
    c.put("S3BackupMode", "Enabled");
    rejects(c).hasMessageContaining("S3BackupConfiguration");
    c.put("S3BackupConfiguration", config("!{partitionKeyFromQuery:x}/", "e/"));
    rejects(c).hasMessageContaining("Dynamic Partitioning Namespaces");
    c.put("S3BackupConfiguration", config("backup/", null));
    assertThatCode(() -> S3DestinationWriter.validate(c)).doesNotThrowAnyException();
    assertThatCode(() -> S3Outputs.validate(config("http-backup/", null))).doesNotThrowAnyException();
  }
}
