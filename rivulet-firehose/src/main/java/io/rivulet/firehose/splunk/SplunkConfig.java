package io.rivulet.firehose.splunk;

import static io.rivulet.firehose.util.ConfigValues.invalid;

import io.rivulet.firehose.util.ConfigValues;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A SplunkDestinationConfiguration as the writer uses it, read from the raw request map: the HEC
 * base URL (http or https, paths {@code /services/collector/...} are appended), Raw or Event, the
 * token, the acknowledgement timeout (180–600 s, default 180), the retry duration (0–7200 s,
 * default 3600) and whether all events are backed up. Immutable.
 */
record SplunkConfig(URI endpoint, boolean raw, String token, Duration ackTimeout,
    Duration retryDuration, boolean backupAllEvents) {

  static final long DEFAULT_ACK_TIMEOUT_SECONDS = 180;
  static final long DEFAULT_RETRY_SECONDS = 3600;

  static SplunkConfig parse(Map<String, Object> config) {
    if (!config.containsKey("S3Configuration")) {
      throw invalid("S3Configuration is required for a Splunk destination.");
    }
    ConfigValues.struct(config, "S3Configuration");
    URI endpoint = ConfigValues.url(ConfigValues.string(config, "HECEndpoint"), "HECEndpoint",
        false);
    String type = ConfigValues.oneOf(config, "HECEndpointType", null, List.of("Raw", "Event"));
    if (type == null) {
      throw invalid("HECEndpointType is required.");
    }
    ConfigValues.noSecretsManager(config, "HECToken");
    String token = ConfigValues.string(config, "HECToken");
    if (token == null || token.isEmpty()) {
      throw invalid("HECToken is required when SecretsManagerConfiguration is not enabled.");
    }
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw invalid("HECToken must be printable ASCII without spaces.");
    }
    long ack = ConfigValues.integer(config, "HECAcknowledgmentTimeoutInSeconds",
        DEFAULT_ACK_TIMEOUT_SECONDS, 180, 600);
    long retry = ConfigValues.integer(ConfigValues.struct(config, "RetryOptions"),
        "DurationInSeconds", DEFAULT_RETRY_SECONDS, 0, 7200);
    Map<String, Object> hints = ConfigValues.struct(config, "BufferingHints");
    ConfigValues.integer(hints, "SizeInMBs", 5, 1, 5);
    ConfigValues.integer(hints, "IntervalInSeconds", 60, 0, 60);
    boolean all = "AllEvents".equals(ConfigValues.oneOf(config, "S3BackupMode",
        "FailedEventsOnly", List.of("FailedEventsOnly", "AllEvents")));
    return new SplunkConfig(endpoint, type.equals("Raw"), token, Duration.ofSeconds(ack),
        Duration.ofSeconds(retry), all);
  }

  /** {@code path} (e.g. {@code /services/collector/event}) under the HEC endpoint. */
  URI resolve(String path) {
    String base = endpoint.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + path);
  }
}
