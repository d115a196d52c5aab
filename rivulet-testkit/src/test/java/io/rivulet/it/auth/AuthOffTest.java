package io.rivulet.it.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Without {@code --auth} (the default) nothing is checked: no signature, a wrong one, a stale one,
 * any key; the account still follows the 12-digit key rule.
 */
class AuthOffTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void anythingGoes() throws Exception {
    HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(rivulet.endpoint().resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "Kinesis_20131202.ListStreams")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(200);
    AuthFixtures.Signed stale = AuthFixtures.sign(rivulet.endpoint(), AwsBasicCredentials.create("123456789012", "x"),
        "ListStreams", "{}", Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC), Map.of(), false);
    assertThat(stale.send(http, "{\"Limit\":3}".getBytes()).statusCode()).isEqualTo(200);
    try (KinesisClient twelveDigits = AuthFixtures.kinesis(rivulet.endpoint(), WireMode.CBOR,
        AuthFixtures.provider(AwsBasicCredentials.create("123456789012", "whatever")))) {
      twelveDigits.createStream(r -> r.streamName("off").shardCount(1));
      assertThat(twelveDigits.describeStreamSummary(r -> r.streamName("off")).streamDescriptionSummary().streamARN())
          .isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/off");
    }
    HttpResponse<String> services = http.send(HttpRequest.newBuilder(rivulet.endpoint().resolve("/console/api/services"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(new ObjectMapper().readTree(services.body()).path("auth").asBoolean()).isFalse();
    assertThat(http.send(HttpRequest.newBuilder(rivulet.endpoint().resolve("/console/api/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }
}
