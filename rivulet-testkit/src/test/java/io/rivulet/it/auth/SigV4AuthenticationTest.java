package io.rivulet.it.auth;

import static io.rivulet.it.auth.AuthFixtures.ADMIN;
import static io.rivulet.it.auth.AuthFixtures.EXPIRED;
import static io.rivulet.it.auth.AuthFixtures.OTHER;
import static io.rivulet.it.auth.AuthFixtures.TEMP_TOKEN;
import static io.rivulet.it.auth.AuthFixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import io.rivulet.testkit.WireMode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code --auth}: every service on the endpoint verifies SigV4 as AWS does, through the official
 * SDK v2 clients (Kinesis in CBOR and JSON over HTTP/1.1, the async client over HTTP/2, DynamoDB,
 * CloudWatch) with right keys, wrong secrets, unknown keys, no signature, stale dates (the server's
 * clock moved), session tokens; and through raw requests signed by the SDK's signer for what a
 * client will not send: a tampered body, a presigned URL, UNSIGNED-PAYLOAD, the console's counters.
 */
class SigV4AuthenticationTest {
  static final TestClock clock = new TestClock();
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final MetricDatum DATUM = MetricDatum.builder().metricName("Signed").value(1.0).build();

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock))
      .withCredentials(AuthFixtures.credentialsJson(Instant.ofEpochMilli(clock.millis())));

  static String code(Throwable e) {
    Throwable t = e.getCause() instanceof AwsServiceException ? e.getCause() : e;
    return ((AwsServiceException) t).awsErrorDetails().errorCode();
  }

  static String type(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("__type").asText();
  }

  @ParameterizedTest
  @EnumSource(WireMode.class)
  void theRightKeyWorksAndOthersAreRefused(WireMode mode) {
    try (KinesisClient admin = AuthFixtures.kinesis(rivulet.endpoint(), mode, provider(ADMIN))) {
      admin.createStream(r -> r.streamName("signed-" + mode).shardCount(1));
      admin.putRecord(r -> r.streamName("signed-" + mode).partitionKey("k").data(SdkBytes.fromUtf8String("x")));
      assertThat(admin.listStreams().streamNames()).contains("signed-" + mode);
      // the credential's account, not the default one: the stream lives in 111122223333
      assertThat(admin.describeStreamSummary(r -> r.streamName("signed-" + mode)).streamDescriptionSummary()
          .streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:111122223333:stream/signed-" + mode);
    }
    try (KinesisClient wrong = AuthFixtures.kinesis(rivulet.endpoint(), mode,
        provider(AwsBasicCredentials.create(ADMIN.accessKeyId(), "not-the-secret")))) {
      assertThatThrownBy(wrong::listStreams).satisfies(e -> {
        assertThat(code(e)).isEqualTo("InvalidSignatureException");
        assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("The request signature we calculated does not match the signature"
            + " you provided. Check your AWS Secret Access Key and signing method.");
      });
    }
    try (KinesisClient unknown = AuthFixtures.kinesis(rivulet.endpoint(), mode,
        provider(AwsBasicCredentials.create("AKIANOBODYAAAAAAAAAA", "x")))) {
      assertThatThrownBy(unknown::listStreams).satisfies(e -> {
        assertThat(code(e)).isEqualTo("UnrecognizedClientException");
        assertThat(e.getMessage()).startsWith("The security token included in the request is invalid.");
      });
    }
    try (KinesisClient anonymous = AuthFixtures.kinesis(rivulet.endpoint(), mode, AuthFixtures.anonymous())) {
      assertThatThrownBy(anonymous::listStreams)
          .satisfies(e -> assertThat(code(e)).isEqualTo("MissingAuthenticationTokenException"))
          .hasMessageStartingWith("Missing Authentication Token");
    }
  }

  @Test
  void theAsyncClientOverHttp2() throws Exception {
    try (KinesisAsyncClient admin = AuthFixtures.kinesisAsync(rivulet.endpoint(), provider(ADMIN));
         KinesisAsyncClient wrong = AuthFixtures.kinesisAsync(rivulet.endpoint(),
             provider(AwsBasicCredentials.create(ADMIN.accessKeyId(), "nope")))) {
      assertThat(admin.listStreams().get().hasStreamNames()).isTrue();
      assertThatThrownBy(() -> wrong.listStreams().join()).satisfies(e -> assertThat(code(e))
          .isEqualTo("InvalidSignatureException"));
    }
  }

  @Test
  void staleOrFutureDatesAreRefused() {
    try (KinesisClient admin = AuthFixtures.kinesis(rivulet.endpoint(), WireMode.JSON, provider(ADMIN))) {
      admin.listStreams();
      clock.advance(Duration.ofMinutes(6)); // the server's clock runs ahead: the SDK's date is stale
      try {
        assertThatThrownBy(admin::listStreams).satisfies(e -> {
          assertThat(code(e)).isEqualTo("InvalidSignatureException");
          assertThat(e.getMessage()).startsWith("Signature expired: ").contains(" is now earlier than ")
              .contains(" - 5 min.)");
        });
      } finally {
        clock.advance(Duration.ofMinutes(-6));
      }
      clock.advance(Duration.ofMinutes(-6));
      try {
        assertThatThrownBy(admin::listStreams).satisfies(e -> assertThat(e.getMessage())
            .startsWith("Signature not yet current: ").contains(" + 5 min.)"));
      } finally {
        clock.advance(Duration.ofMinutes(6));
      }
      clock.advance(Duration.ofMinutes(4)); // within the five minutes
      try {
        admin.listStreams();
      } finally {
        clock.advance(Duration.ofMinutes(-4));
      }
    }
  }

  @Test
  void aTamperedBodyIsRefused() throws Exception {
    try (KinesisClient admin = AuthFixtures.kinesis(rivulet.endpoint(), WireMode.JSON, provider(ADMIN))) {
      admin.createStream(r -> r.streamName("tamper").shardCount(1));
    }
    AuthFixtures.Signed put = AuthFixtures.sign(rivulet.endpoint(), ADMIN, "PutRecord",
        "{\"StreamName\":\"tamper\",\"PartitionKey\":\"k\",\"Data\":\"YQ==\"}", clock, Map.of(), false);
    assertThat(put.send(http).statusCode()).isEqualTo(200);
    HttpResponse<String> tampered = put.send(http,
        "{\"StreamName\":\"tamper\",\"PartitionKey\":\"k\",\"Data\":\"Yg==\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(tampered.statusCode()).isEqualTo(400);
    assertThat(type(tampered)).isEqualTo("InvalidSignatureException");
    assertThat(JSON.readTree(tampered.body()).path("message").asText())
        .isIn("The provided 'x-amz-content-sha256' header does not match what was computed.",
            "The request signature we calculated does not match the signature you provided. Check your AWS"
                + " Secret Access Key and signing method. Consult the service documentation for details.");
  }

  @Test
  void unsignedPayloadSignsEverythingButTheBody() throws Exception {
    AuthFixtures.Signed list = AuthFixtures.sign(rivulet.endpoint(), ADMIN, "ListStreams", "{}", clock, Map.of(), true);
    assertThat(list.request().firstMatchingHeader("x-amz-content-sha256")).hasValue("UNSIGNED-PAYLOAD");
    HttpResponse<String> r = list.send(http, "{\"Limit\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).has("StreamNames")).isTrue();
  }

  @Test
  void presignedRequests() throws Exception {
    AuthFixtures.Signed list = AuthFixtures.sign(rivulet.endpoint(), ADMIN, "ListStreams", "{}", clock,
        Map.of(AuthLocation.QUERY_STRING, Duration.ofMinutes(10)), false);
    assertThat(list.request().firstMatchingHeader("Authorization")).isEmpty();
    assertThat(list.request().getUri().getRawQuery()).contains("X-Amz-Signature=");
    assertThat(list.send(http).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(11));
    try {
      HttpResponse<String> expired = list.send(http);
      assertThat(type(expired)).isEqualTo("InvalidSignatureException");
      assertThat(JSON.readTree(expired.body()).path("message").asText()).startsWith("Signature expired: ")
          .endsWith(" - 600 sec.)");
    } finally {
      clock.advance(Duration.ofMinutes(-11));
    }
  }

  @Test
  void sessionTokens() {
    AwsSessionCredentials temp = AwsSessionCredentials.create("ASIATEMPAAAAAAAAAAAA", "temp-secret", TEMP_TOKEN);
    try (KinesisClient ok = AuthFixtures.kinesis(rivulet.endpoint(), WireMode.CBOR, provider(temp));
         KinesisClient forged = AuthFixtures.kinesis(rivulet.endpoint(), WireMode.CBOR, provider(
             AwsSessionCredentials.create("ASIATEMPAAAAAAAAAAAA", "temp-secret", "forged")));
         KinesisClient expired = AuthFixtures.kinesis(rivulet.endpoint(), WireMode.CBOR, provider(
             AwsSessionCredentials.create(EXPIRED.accessKeyId(), EXPIRED.secretAccessKey(), "old-token")))) {
      ok.listStreams();
      assertThatThrownBy(forged::listStreams).satisfies(e -> assertThat(code(e)).isEqualTo("UnrecognizedClientException"));
      assertThatThrownBy(expired::listStreams).satisfies(e -> {
        assertThat(code(e)).isEqualTo("ExpiredTokenException");
        assertThat(e.getMessage()).startsWith("The security token included in the request is expired");
      });
    }
  }

  @Test
  void dynamodbAndCloudwatchToo() {
    try (DynamoDbClient admin = AuthFixtures.dynamodb(rivulet.endpoint(), provider(ADMIN));
         DynamoDbClient wrong = AuthFixtures.dynamodb(rivulet.endpoint(),
             provider(AwsBasicCredentials.create("AKIANOBODYAAAAAAAAAA", "x")));
         CloudWatchClient cw = AuthFixtures.cloudwatch(rivulet.endpoint(), provider(ADMIN));
         CloudWatchClient cwWrong = AuthFixtures.cloudwatch(rivulet.endpoint(),
             provider(AwsBasicCredentials.create(ADMIN.accessKeyId(), "wrong")));
         CloudWatchClient cwAnonymous = AuthFixtures.cloudwatch(rivulet.endpoint(), AuthFixtures.anonymous())) {
      admin.createTable(r -> r.tableName("signed-table").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName("k").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build()));
      assertThat(admin.listTables().tableNames()).contains("signed-table");
      assertThatThrownBy(wrong::listTables).satisfies(e -> {
        assertThat(code(e)).isEqualTo("UnrecognizedClientException");
        assertThat(e.getMessage()).startsWith("The security token included in the request is invalid.");
      });
      cw.putMetricData(r -> r.namespace("Auth").metricData(DATUM));
      // over 10 KiB the SDK gzips the body before signing it: the signature covers the gzip bytes
      java.util.List<MetricDatum> many = java.util.stream.IntStream.range(0, 400).mapToObj(i -> MetricDatum.builder()
          .metricName("Signed" + i).value((double) i).build()).toList();
      cw.putMetricData(r -> r.namespace("Auth").metricData(many));
      assertThatThrownBy(() -> cwWrong.putMetricData(r -> r.namespace("Auth").metricData(DATUM)))
          .satisfies(e -> {
            assertThat(code(e)).isEqualTo("SignatureDoesNotMatch");
            assertThat(((AwsServiceException) e).statusCode()).isEqualTo(403);
          });
      assertThatThrownBy(() -> cwAnonymous.putMetricData(r -> r.namespace("Auth").metricData(DATUM)))
          .satisfies(e -> assertThat(code(e)).isEqualTo("MissingAuthenticationToken"));
    }
  }

  @Test
  void theConsoleCountersNeedASignatureAndShowTheSignersAccount() throws Exception {
    try (KinesisClient other = AuthFixtures.kinesis(rivulet.endpoint(), WireMode.JSON, provider(OTHER))) {
      other.createStream(r -> r.streamName("belongs-to-b").shardCount(1));
    }
    HttpResponse<String> unsigned = http.send(java.net.http.HttpRequest.newBuilder(
        rivulet.endpoint().resolve("/console/api/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(type(unsigned)).isEqualTo("MissingAuthenticationTokenException");
    HttpResponse<String> services = http.send(java.net.http.HttpRequest.newBuilder(
        rivulet.endpoint().resolve("/console/api/services")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(services.body()).path("auth").asBoolean()).isTrue();
    HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(rivulet.endpoint().resolve("/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);

    HttpResponse<String> signed = AuthFixtures.signGet(rivulet.endpoint(), OTHER, "/console/api/metrics", clock).send(http);
    assertThat(signed.statusCode()).isEqualTo(200);
    JsonNode streams = JSON.readTree(signed.body()).path("streams");
    assertThat(streams.findValuesAsText("account")).containsOnly(AuthFixtures.ACCOUNT_B);
    assertThat(streams.findValuesAsText("stream")).contains("belongs-to-b");
  }
}
