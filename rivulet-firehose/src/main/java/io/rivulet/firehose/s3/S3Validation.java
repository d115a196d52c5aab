package io.rivulet.firehose.s3;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.format.FormatConverters;
import io.rivulet.protocol.AwsException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/**
 * The checks CreateDeliveryStream and UpdateDestination make on an S3 configuration beyond its
 * shape (which the model-driven validator has already checked): the custom-prefix rules of the
 * Firehose developer guide ("Custom prefixes for Amazon S3 objects", "Dynamic partitioning"),
 * the time zone, the backup configuration, and (through {@link FormatConverters}) record format
 * conversion with what it requires of compression and buffering. Failures are
 * {@code InvalidArgumentException}; the prefix rules use Firehose's own wording
 * ("Ths supplied prefix(es) do not satisfy the following constraint: ...", its typo included).
 * Stateless and thread-safe.
 */
final class S3Validation {
  static final String CONSTRAINT = "Ths supplied prefix(es) do not satisfy the following constraint: ";
  static final String DYNAMIC_NAMESPACES = "Dynamic Partitioning Namespaces can only be part of a"
      + " prefix expression when Dynamic Partitioning is enabled.";

  private S3Validation() {}

  /** An ExtendedS3DestinationConfiguration (or update), including its S3BackupConfiguration. */
  static void validateExtended(Map<String, Object> config) {
    boolean dynamic = ConfigMaps.enabled(config, "DynamicPartitioningConfiguration", false);
    validatePrefixes(config, dynamic);
    zone(ConfigMaps.string(config, "CustomTimeZone"));
    // CompressionFormat UNCOMPRESSED and SizeInMBs >= 64 with conversion on, and the conversion
    // configuration itself: the format package's rules
    FormatConverters.validateS3Destination(config);
    Map<String, Object> backup = ConfigMaps.map(config, "S3BackupConfiguration");
    if ("Enabled".equals(ConfigMaps.string(config, "S3BackupMode")) && backup == null) {
      throw invalid("S3BackupConfiguration must be specified when S3BackupMode is Enabled.");
    }
    if (backup != null) {
      validatePlain(backup);
    }
  }

  /**
   * An S3DestinationConfiguration (the S3 side of the other destinations, or a backup): no dynamic
   * partitioning, so no partition-key namespaces.
   */
  static void validatePlain(Map<String, Object> config) {
    validatePrefixes(config, false);
  }

  private static void validatePrefixes(Map<String, Object> config, boolean dynamic) {
    bucket(ConfigMaps.string(config, "BucketARN"));
    PrefixExpression prefix = parse(ConfigMaps.string(config, "Prefix"));
    PrefixExpression error = parse(ConfigMaps.string(config, "ErrorOutputPrefix"));
    if (prefix.hasErrorOutputType()) {
      throw constraint("Prefix cannot contain !{firehose:error-output-type}; it can only be used in"
          + " ErrorOutputPrefix");
    }
    if ((prefix.hasPartitionKeys() || error.hasPartitionKeys()) && !dynamic) {
      throw invalid(DYNAMIC_NAMESPACES);
    }
    if (error.hasPartitionKeys()) {
      throw constraint("ErrorOutputPrefix cannot contain the partitionKeyFromQuery or"
          + " partitionKeyFromLambda namespaces");
    }
    if (prefix.hasExpressions() && error.isEmpty()) {
      throw constraint("ErrorOutputPrefix cannot be null or empty when Prefix contains expressions");
    }
    if (dynamic && error.isEmpty()) {
      throw constraint("ErrorOutputPrefix cannot be null or empty when Dynamic Partitioning is"
          + " enabled");
    }
    if (error.hasExpressions() && !error.hasErrorOutputType()) {
      throw constraint("ErrorOutputPrefix must contain at least one !{firehose:error-output-type}"
          + " when it contains expressions");
    }
  }

  private static PrefixExpression parse(String text) {
    try {
      return PrefixExpression.parse(text);
    } catch (IllegalArgumentException e) {
      throw constraint(e.getMessage());
    }
  }

  private static void bucket(String arn) {
    try {
      ConfigMaps.bucket(arn);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
  }

  private static void zone(String name) {
    if (name == null || name.isEmpty()) {
      return;
    }
    try {
      ZoneId.of(name);
    } catch (DateTimeException e) {
      throw invalid("CustomTimeZone " + name + " is not a supported time zone.");
    }
  }

  private static AwsException constraint(String rule) {
    return invalid(CONSTRAINT + rule);
  }

  static AwsException invalid(String message) {
    return FirehoseError.INVALID_ARGUMENT.with(message);
  }
}
