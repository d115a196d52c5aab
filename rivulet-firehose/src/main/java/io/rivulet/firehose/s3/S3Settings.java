package io.rivulet.firehose.s3;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One S3 configuration (an S3DestinationConfiguration, an ExtendedS3DestinationConfiguration, or
 * an S3BackupConfiguration) read into what delivery needs: the bucket, the data and error prefixes
 * with Firehose's defaults applied, compression, extension, time zone, and the extended members.
 * Immutable and thread-safe.
 *
 * <p>Defaults, as Firehose applies them:
 * <ul>
 *   <li>a Prefix with neither a timestamp nor a partition-key expression gets
 *       {@code !{timestamp:yyyy/MM/dd/HH/}} appended (so no Prefix means {@code YYYY/MM/dd/HH/},
 *       and {@code logs/} means {@code logs/YYYY/MM/dd/HH/});</li>
 *   <li>no ErrorOutputPrefix means {@code <Prefix><error-output-type>/YYYY/MM/dd/HH/} (Prefix is
 *       then free of expressions: validation requires it);</li>
 *   <li>an ErrorOutputPrefix without expressions gets
 *       {@code !{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH/}} appended, so failures of
 *       each kind land apart.</li>
 * </ul>
 */
record S3Settings(String bucket, PrefixExpression dataPrefix, PrefixExpression errorPrefix,
    Compression compression, String fileExtension, ZoneId zone, boolean dynamicPartitioning,
    Duration retryDuration, String backupMode, Map<String, Object> backupConfiguration,
    boolean formatConversion) {

  static final PrefixExpression HOURLY = PrefixExpression.parse("!{timestamp:yyyy/MM/dd/HH/}");
  static final PrefixExpression TYPE_AND_HOUR =
      PrefixExpression.parse("!{firehose:error-output-type}/").append(HOURLY);
  /** How long one delivery retries S3 before handing the batch back (RetryOptions default). */
  static final Duration DEFAULT_RETRY = Duration.ofSeconds(300);

  /**
   * Reads {@code config}; {@code fallbackZone} applies when it has no CustomTimeZone (null: UTC).
   * Throws IllegalArgumentException for what validation would have rejected.
   */
  static S3Settings of(Map<String, Object> config, ZoneId fallbackZone) {
    PrefixExpression prefix = PrefixExpression.parse(ConfigMaps.string(config, "Prefix"));
    PrefixExpression error = PrefixExpression.parse(ConfigMaps.string(config, "ErrorOutputPrefix"));
    String zoneName = ConfigMaps.string(config, "CustomTimeZone");
    ZoneId zone = zoneName != null && !zoneName.isEmpty() ? ZoneId.of(zoneName)
        : fallbackZone != null ? fallbackZone : ZoneOffset.UTC;
    String extension = ConfigMaps.string(config, "FileExtension");
    Map<String, Object> dynamic = ConfigMaps.map(config, "DynamicPartitioningConfiguration");
    Map<String, Object> retry = ConfigMaps.map(dynamic, "RetryOptions");
    return new S3Settings(ConfigMaps.bucket(ConfigMaps.string(config, "BucketARN")),
        dataPrefix(prefix), errorPrefix(error, prefix),
        Compression.fromWire(ConfigMaps.string(config, "CompressionFormat")),
        extension == null || extension.isEmpty() ? null : extension, zone,
        ConfigMaps.enabled(config, "DynamicPartitioningConfiguration", false),
        Duration.ofSeconds(ConfigMaps.number(retry, "DurationInSeconds", DEFAULT_RETRY.toSeconds())),
        ConfigMaps.string(config, "S3BackupMode"), ConfigMaps.map(config, "S3BackupConfiguration"),
        ConfigMaps.enabled(config, "DataFormatConversionConfiguration", true));
  }

  static PrefixExpression dataPrefix(PrefixExpression prefix) {
    return prefix.hasTimestamp() || prefix.hasPartitionKeys() ? prefix : prefix.append(HOURLY);
  }

  static PrefixExpression errorPrefix(PrefixExpression error, PrefixExpression prefix) {
    if (error.isEmpty()) {
      return (prefix.hasExpressions() ? PrefixExpression.parse("") : prefix).append(TYPE_AND_HOUR);
    }
    return error.hasExpressions() ? error : error.append(TYPE_AND_HOUR);
  }

  /** The extension of data objects: FileExtension when set, else the given default. */
  String extensionOr(String defaultExtension) {
    return fileExtension != null ? fileExtension : defaultExtension;
  }

  boolean backupEnabled() {
    return "Enabled".equals(backupMode);
  }
}
