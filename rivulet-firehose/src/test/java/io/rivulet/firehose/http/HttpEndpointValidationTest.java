package io.rivulet.firehose.http;

import static io.rivulet.firehose.http.HttpEndpointDestinationWriterTest.config;
import static io.rivulet.firehose.http.TestBatches.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rivulet.protocol.AwsException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link HttpEndpointDestinationWriter#validate} refuses, and with which error. */
class HttpEndpointValidationTest {
  static final URI URL = URI.create("https://collector.example.com/firehose");

  static AwsException refused(Map<String, Object> config) {
    AwsException e = catchThrowableOfType(AwsException.class,
        () -> HttpEndpointDestinationWriter.validate(config));
    assertThat(e).as("refused: %s", config).isNotNull();
    assertThat(e.code().type()).isEqualTo("InvalidArgumentException");
    assertThat(e.code().status()).isEqualTo(400);
    return e;
  }

  @Test
  void acceptsAFullConfiguration() {
    Map<String, Object> config = with(config(URL, "key"), "RequestConfiguration",
        Map.of("ContentEncoding", "GZIP", "CommonAttributes",
            List.of(Map.of("AttributeName", "a", "AttributeValue", "b"))));
    config = with(config, "BufferingHints", Map.of("SizeInMBs", 64L, "IntervalInSeconds", 0));
    config = with(config, "RetryOptions", Map.of("DurationInSeconds", 7200));
    config = with(config, "S3BackupMode", "AllData");
    Map<String, Object> accepted = config;
    assertThatCode(() -> HttpEndpointDestinationWriter.validate(accepted))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesBadEndpoints() {
    assertThat(refused(config(URI.create("ftp://host/x"), null)).getMessage())
        .contains("EndpointConfiguration.Url");
    Map<String, Object> noUrl = new LinkedHashMap<>(config(URL, null));
    noUrl.put("EndpointConfiguration", Map.of("Name", "x"));
    refused(noUrl);
    Map<String, Object> badKey = config(URL, "line\nbreak");
    assertThat(refused(badKey).getMessage()).contains("AccessKey");
  }

  @Test
  void refusesOutOfRangeOptionsAndUnknownModes() {
    refused(with(config(URL, null), "RetryOptions", Map.of("DurationInSeconds", 7201)));
    refused(with(config(URL, null), "RetryOptions", Map.of("DurationInSeconds", -1)));
    refused(with(config(URL, null), "BufferingHints", Map.of("SizeInMBs", 65)));
    refused(with(config(URL, null), "S3BackupMode", "AllEvents"));
    refused(with(config(URL, null), "RequestConfiguration", Map.of("ContentEncoding", "ZIP")));
  }

  @Test
  void refusesDuplicateOrIncompleteCommonAttributes() {
    refused(with(config(URL, null), "RequestConfiguration", Map.of("CommonAttributes", List.of(
        Map.of("AttributeName", "a", "AttributeValue", "1"),
        Map.of("AttributeName", "a", "AttributeValue", "2")))));
    refused(with(config(URL, null), "RequestConfiguration", Map.of("CommonAttributes",
        List.of(Map.of("AttributeName", "a")))));
  }

  @Test
  void refusesAMissingS3ConfigurationAndSecretsManager() {
    Map<String, Object> noS3 = new LinkedHashMap<>(config(URL, null));
    noS3.remove("S3Configuration");
    refused(noS3);
    assertThat(refused(with(config(URL, null), "SecretsManagerConfiguration",
        Map.of("Enabled", true))).getMessage()).contains("SecretsManagerConfiguration");
    assertThatCode(() -> HttpEndpointDestinationWriter.validate(with(config(URL, null),
        "SecretsManagerConfiguration", Map.of("Enabled", false)))).doesNotThrowAnyException();
  }
}
