package io.rivulet.it.auth;

import static io.rivulet.it.auth.AuthFixtures.ADMIN;
import static io.rivulet.it.auth.AuthFixtures.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * {@code GET /console/api/firehose} under {@code --auth}: refused without a signature, and signed
 * for Firehose it answers the delivery streams of the signer's account only.
 */
class ConsoleFirehoseAuthTest {
  static final TestClock clock = new TestClock();
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock))
      .withCredentials(AuthFixtures.credentialsJson(Instant.ofEpochMilli(clock.millis())));

  static FirehoseClient firehose(AwsCredentials c) {
    return FirehoseClient.builder().endpointOverride(rivulet.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(AuthFixtures.provider(c)).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  static void create(FirehoseClient f, String name) {
    f.createDeliveryStream(r -> r.deliveryStreamName(name).extendedS3DestinationConfiguration(c -> c
        .bucketARN("arn:aws:s3:::nowhere").roleARN("arn:aws:iam::000000000000:role/r")
        .bufferingHints(h -> h.intervalInSeconds(900))));
  }

  @Test
  void theFirehoseCountersNeedASignatureAndShowTheSignersAccount() throws Exception {
    try (FirehoseClient a = firehose(ADMIN); FirehoseClient b = firehose(OTHER)) {
      create(a, "belongs-to-a");
      create(b, "belongs-to-b");
    }
    HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
        rivulet.endpoint().resolve("/console/api/firehose")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unsigned.body()).path("__type").asText())
        .isEqualTo("MissingAuthenticationTokenException");

    HttpResponse<String> signed = AuthFixtures.signGet(rivulet.endpoint(), OTHER, "/console/api/firehose",
        clock, "firehose").send(http);
    assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    JsonNode streams = JSON.readTree(signed.body()).path("deliveryStreams");
    assertThat(streams.findValuesAsText("account")).containsOnly(AuthFixtures.ACCOUNT_B);
    assertThat(streams.findValuesAsText("name")).containsExactly("belongs-to-b");

    HttpResponse<String> admin = AuthFixtures.signGet(rivulet.endpoint(), ADMIN, "/console/api/firehose",
        clock, "firehose").send(http);
    assertThat(JSON.readTree(admin.body()).path("deliveryStreams").findValuesAsText("name"))
        .containsExactly("belongs-to-a");
  }
}
