package io.rivulet.firehose.http;

import static io.rivulet.firehose.util.ConfigValues.invalid;

import io.rivulet.firehose.util.ConfigValues;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HttpEndpointDestinationConfiguration as the writer uses it, read from the raw request map:
 * the endpoint URL and access key, GZIP or not, the common attributes (in configured order), the
 * largest request body (BufferingHints.SizeInMBs), the retry duration and whether all data is
 * backed up. Immutable.
 */
record HttpEndpointConfig(URI url, String name, String accessKey, boolean gzip,
    Map<String, String> commonAttributes, long maxBodyBytes, Duration retryDuration,
    boolean backupAllData) {

  static final long DEFAULT_SIZE_MB = 5;
  static final long DEFAULT_RETRY_SECONDS = 300;

  static HttpEndpointConfig parse(Map<String, Object> config) {
    if (!config.containsKey("S3Configuration")) {
      throw invalid("S3Configuration is required for an HTTP endpoint destination.");
    }
    ConfigValues.struct(config, "S3Configuration");
    Map<String, Object> endpoint = ConfigValues.struct(config, "EndpointConfiguration");
    URI url = ConfigValues.url(ConfigValues.string(endpoint, "Url"),
        "EndpointConfiguration.Url", true);
    String name = ConfigValues.string(endpoint, "Name");
    String accessKey = ConfigValues.string(endpoint, "AccessKey");
    if (accessKey != null && !headerSafe(accessKey)) {
      throw invalid("AccessKey must not contain control characters.");
    }
    ConfigValues.noSecretsManager(config, "EndpointConfiguration.AccessKey");
    Map<String, Object> request = ConfigValues.struct(config, "RequestConfiguration");
    boolean gzip = "GZIP".equals(
        ConfigValues.oneOf(request, "ContentEncoding", "NONE", List.of("NONE", "GZIP")));
    Map<String, String> attributes = commonAttributes(request);
    Map<String, Object> hints = ConfigValues.struct(config, "BufferingHints");
    long sizeMb = ConfigValues.integer(hints, "SizeInMBs", DEFAULT_SIZE_MB, 1, 64);
    ConfigValues.integer(hints, "IntervalInSeconds", 300, 0, 900);
    Map<String, Object> retry = ConfigValues.struct(config, "RetryOptions");
    long retrySeconds =
        ConfigValues.integer(retry, "DurationInSeconds", DEFAULT_RETRY_SECONDS, 0, 7200);
    boolean all = "AllData".equals(ConfigValues.oneOf(config, "S3BackupMode", "FailedDataOnly",
        List.of("FailedDataOnly", "AllData")));
    return new HttpEndpointConfig(url, name, accessKey, gzip, attributes, sizeMb << 20,
        Duration.ofSeconds(retrySeconds), all);
  }

  private static Map<String, String> commonAttributes(Map<String, Object> request) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Object item : ConfigValues.list(request, "CommonAttributes")) {
      if (!(item instanceof Map)) {
        throw invalid("CommonAttributes must be a list of structures.");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> attribute = (Map<String, Object>) item;
      String name = ConfigValues.string(attribute, "AttributeName");
      String value = ConfigValues.string(attribute, "AttributeValue");
      if (name == null || name.isBlank() || value == null) {
        throw invalid("Each common attribute needs an AttributeName and an AttributeValue.");
      }
      if (attributes.put(name, value) != null) {
        throw invalid("Duplicate common attribute name: " + name + ".");
      }
    }
    if (attributes.size() > 50) {
      throw invalid("At most 50 common attributes are allowed.");
    }
    return Collections.unmodifiableMap(attributes);
  }

  static boolean headerSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
        return false;
      }
    }
    return true;
  }
}
