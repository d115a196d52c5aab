package io.rivulet.firehose.splunk;

import static io.rivulet.firehose.splunk.SplunkDestinationWriterTest.config;
import static io.rivulet.firehose.http.TestBatches.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rivulet.protocol.AwsException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link SplunkDestinationWriter#validate} refuses, and with which error. */
class SplunkValidationTest {
  static final URI HEC = URI.create("https://splunk.example.com:8088");
  static final String TOKEN = "11111111-2222-3333-4444-555555555555";

  static AwsException refused(Map<String, Object> config) {
    AwsException e = catchThrowableOfType(AwsException.class,
        () -> SplunkDestinationWriter.validate(config));
    assertThat(e).as("refused: %s", config).isNotNull();
    assertThat(e.code().type()).isEqualTo("InvalidArgumentException");
    return e;
  }

  @Test
  void acceptsAFullConfiguration() {
    Map<String, Object> config = with(config(HEC, "Raw", TOKEN),
        "HECAcknowledgmentTimeoutInSeconds", 600);
    config = with(config, "RetryOptions", Map.of("DurationInSeconds", 0));
    config = with(config, "BufferingHints", Map.of("SizeInMBs", 5, "IntervalInSeconds", 60));
    config = with(config, "S3BackupMode", "AllEvents");
    Map<String, Object> accepted = config;
    assertThatCode(() -> SplunkDestinationWriter.validate(accepted)).doesNotThrowAnyException();
    assertThatCode(() -> SplunkDestinationWriter.validate(
        config(URI.create("http://127.0.0.1:8088"), "Event", TOKEN))).doesNotThrowAnyException();
  }

  @Test
  void refusesBadEndpointsTypesAndTokens() {
    assertThat(refused(config(URI.create("splunk:8088"), "Event", TOKEN)).getMessage())
        .contains("HECEndpoint");
    refused(config(HEC, "Metric", TOKEN));
    assertThat(refused(config(HEC, "Event", "")).getMessage()).contains("HECToken");
    refused(config(HEC, "Event", "has space"));
    Map<String, Object> noType = new LinkedHashMap<>(config(HEC, "Event", TOKEN));
    noType.remove("HECEndpointType");
    refused(noType);
  }

  @Test
  void refusesOutOfRangeOptions() {
    refused(with(config(HEC, "Event", TOKEN), "HECAcknowledgmentTimeoutInSeconds", 179));
    refused(with(config(HEC, "Event", TOKEN), "HECAcknowledgmentTimeoutInSeconds", 601));
    refused(with(config(HEC, "Event", TOKEN), "RetryOptions", Map.of("DurationInSeconds", 7201)));
    refused(with(config(HEC, "Event", TOKEN), "BufferingHints", Map.of("SizeInMBs", 6)));
    refused(with(config(HEC, "Event", TOKEN), "S3BackupMode", "AllData"));
    refused(with(config(HEC, "Event", TOKEN), "SecretsManagerConfiguration",
        Map.of("Enabled", true)));
  }
}
