package io.rivulet.flink.table;

import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.flink.source.StartingPosition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;

/**
 * The options of {@code 'connector' = 'rivulet'} tables, and how they become a connection and a
 * start position. Stateless; thread-safe.
 */
public final class RivuletTableOptions {
  private RivuletTableOptions() {}

  public static final ConfigOption<String> STREAM = ConfigOptions.key("stream").stringType()
      .noDefaultValue().withDescription("The stream's name or ARN.");

  public static final ConfigOption<String> ENDPOINT = ConfigOptions.key("aws.endpoint")
      .stringType().noDefaultValue().withFallbackKeys("endpoint")
      .withDescription("'in-process' (the default) inside the Rivulet server, else the server's"
          + " URL (http://host:port) to go over the Kinesis API.");

  public static final ConfigOption<String> REGION = ConfigOptions.key("aws.region").stringType()
      .defaultValue(RivuletConnection.DEFAULT_REGION).withDescription("The stream's region.");

  public static final ConfigOption<String> ACCOUNT = ConfigOptions.key("aws.account")
      .stringType().defaultValue(RivuletConnection.DEFAULT_ACCOUNT)
      .withDescription("The stream's account (in-process mode; remote: the credentials').");

  public static final ConfigOption<String> ACCESS_KEY_ID =
      ConfigOptions.key("aws.credentials.basic.accesskeyid").stringType().noDefaultValue()
          .withDescription("Access key for remote mode (default: the SDK's default chain).");

  public static final ConfigOption<String> SECRET_KEY =
      ConfigOptions.key("aws.credentials.basic.secretkey").stringType().noDefaultValue()
          .withDescription("Secret key that goes with the access key.");

  public static final ConfigOption<String> STARTUP_MODE = ConfigOptions.key("scan.startup.mode")
      .stringType().defaultValue("latest")
      .withDescription("trim-horizon, latest or at-timestamp.");

  public static final ConfigOption<String> STARTUP_TIMESTAMP =
      ConfigOptions.key("scan.startup.timestamp").stringType().noDefaultValue()
          .withDescription("For at-timestamp: epoch milliseconds, an ISO-8601 instant or"
              + " 'yyyy-MM-dd HH:mm:ss[.SSS]' in UTC.");

  public static final ConfigOption<Duration> SHARD_DISCOVERY_INTERVAL =
      ConfigOptions.key("scan.shard.discovery-interval").durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription("How often to look for new shards besides when a shard ends.");

  public static final ConfigOption<Integer> POLL_MAX_RECORDS =
      ConfigOptions.key("scan.poll.max-records").intType().defaultValue(2_000)
          .withDescription("The most records one read of a shard returns (1 to 10000).");

  public static final ConfigOption<Duration> POLL_INTERVAL = ConfigOptions.key("scan.poll.interval")
      .durationType().defaultValue(RivuletConnection.DEFAULT_POLL_INTERVAL)
      .withDescription("Remote mode: how often a shard that had nothing is read again.");

  public static final ConfigOption<String> SINK_PARTITION_KEY =
      ConfigOptions.key("sink.partition-key").stringType().noDefaultValue()
          .withDescription("The column whose value is each row's partition key (default:"
              + " random).");

  public static final ConfigOption<Integer> SINK_BATCH_MAX_RECORDS =
      ConfigOptions.key("sink.batch.max-records").intType().defaultValue(500)
          .withDescription("Records per append (1 to 500).");

  public static final ConfigOption<Integer> SINK_MAX_IN_FLIGHT =
      ConfigOptions.key("sink.max-in-flight").intType().defaultValue(4)
          .withDescription("Appends in flight at once (1 keeps write order).");

  public static final ConfigOption<Integer> SINK_MAX_ATTEMPTS =
      ConfigOptions.key("sink.max-attempts").intType().defaultValue(10)
          .withDescription("Tries per record before the job fails.");

  public static final ConfigOption<Duration> SINK_FLUSH_INTERVAL =
      ConfigOptions.key("sink.flush-interval").durationType().defaultValue(Duration.ofMillis(200))
          .withDescription("The longest a row waits for its batch to fill before it is sent.");

  /** The connection the options describe. */
  static RivuletConnection connection(ReadableConfig o) {
    try {
      return new RivuletConnection(o.getOptional(ENDPOINT).orElse(null), o.get(REGION),
          o.get(ACCOUNT), o.getOptional(ACCESS_KEY_ID).orElse(null),
          o.getOptional(SECRET_KEY).orElse(null), o.get(POLL_INTERVAL));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("Invalid Rivulet connection options: " + e.getMessage(), e);
    }
  }

  /** The start position the options describe. */
  static StartingPosition start(ReadableConfig o) {
    String mode = o.get(STARTUP_MODE);
    switch (mode) {
      case "trim-horizon":
        return StartingPosition.trimHorizon();
      case "latest":
        return StartingPosition.latest();
      case "at-timestamp":
        String ts = o.getOptional(STARTUP_TIMESTAMP).orElseThrow(() -> new ValidationException(
            "'scan.startup.mode' = 'at-timestamp' needs 'scan.startup.timestamp'"));
        return StartingPosition.atTimestamp(parseTimestamp(ts));
      default:
        throw new ValidationException("Unsupported 'scan.startup.mode' '" + mode
            + "': use trim-horizon, latest or at-timestamp");
    }
  }

  static Instant parseTimestamp(String ts) {
    String t = ts.trim();
    try {
      if (t.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochMilli(Long.parseLong(t));
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return java.time.OffsetDateTime.parse(t).toInstant();
      }
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new ValidationException("Invalid 'scan.startup.timestamp' '" + ts + "': use epoch"
          + " milliseconds, an ISO-8601 instant or 'yyyy-MM-dd HH:mm:ss' (UTC)", e);
    }
  }
}
