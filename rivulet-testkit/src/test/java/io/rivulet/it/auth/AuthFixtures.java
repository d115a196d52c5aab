package io.rivulet.it.auth;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.WireMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The credentials the authentication and authorisation tests run with (one {@code
 * credentials.json}), SDK clients signing with them, and raw requests signed by the SDK's own
 * signer for what an SDK client will not send (tampered bodies, presigned URLs, unsigned payloads).
 * Stateless; the clients it builds are thread-safe.
 */
final class AuthFixtures {
  static final String ACCOUNT_A = "111122223333";
  static final String ACCOUNT_B = "444455556666";
  static final AwsCredentials ADMIN = AwsBasicCredentials.create("AKIAADMINAAAAAAAAAAA", "admin-secret/+x");
  static final AwsCredentials READER = AwsBasicCredentials.create("AKIAREADERAAAAAAAAAA", "reader-secret");
  static final AwsCredentials WRITER = AwsBasicCredentials.create("AKIAWRITERAAAAAAAAAA", "writer-secret");
  static final AwsCredentials OTHER = AwsBasicCredentials.create("AKIAOTHERBBBBBBBBBBB", "other-secret");
  static final AwsCredentials TLS_ONLY = AwsBasicCredentials.create("AKIATLSONLYAAAAAAAAA", "tls-secret");
  static final AwsCredentials LEASES = AwsBasicCredentials.create("AKIALEASESAAAAAAAAAA", "leases-secret");
  static final AwsCredentials EXPIRED = AwsBasicCredentials.create("ASIAEXPIREDAAAAAAAAA", "expired-secret");
  static final String TEMP_TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";

  private AuthFixtures() {}

  /** The credentials file: roots of accounts A and B, users of A with policies, temporary keys. */
  static String credentialsJson(Instant now) {
    return """
        {"policies": {
           "app-reader": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
             "Action": ["kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:GetShardIterator",
                        "kinesis:GetRecords"],
             "Resource": "arn:aws:kinesis:*:111122223333:stream/app-*"}]}},
         "credentials": [
           {"accessKeyId": "AKIAADMINAAAAAAAAAAA", "secretAccessKey": "admin-secret/+x", "account": "111122223333"},
           {"accessKeyId": "AKIAOTHERBBBBBBBBBBB", "secretAccessKey": "other-secret", "account": "444455556666"},
           {"accessKeyId": "AKIAREADERAAAAAAAAAA", "secretAccessKey": "reader-secret", "account": "111122223333",
            "user": "reader", "policies": ["app-reader"]},
           {"accessKeyId": "AKIAWRITERAAAAAAAAAA", "secretAccessKey": "writer-secret", "account": "111122223333",
            "user": "team/writer", "policies": [
              {"Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "kinesis:*", "Resource": "arn:aws:kinesis:us-east-1:111122223333:stream/*"},
                {"Effect": "Allow", "Action": "kinesis:ListStreams", "Resource": "*"},
                {"Effect": "Deny", "Action": ["kinesis:PutRecord", "kinesis:PutRecords"],
                 "Resource": "arn:aws:kinesis:*:*:stream/protected-*"}]}]},
           {"accessKeyId": "AKIATLSONLYAAAAAAAAA", "secretAccessKey": "tls-secret", "account": "111122223333",
            "user": "tls-only", "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": "kinesis:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}]},
           {"accessKeyId": "AKIALEASESAAAAAAAAAA", "secretAccessKey": "leases-secret", "account": "111122223333",
            "user": "leases", "policies": [{"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:*:111122223333:table/leases*"},
              {"Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*"}]}]},
           {"accessKeyId": "ASIATEMPAAAAAAAAAAAA", "secretAccessKey": "temp-secret", "account": "111122223333",
            "sessionToken": "FwoGZXIvYXdzEXAMPLETOKEN", "expiration": "%s"},
           {"accessKeyId": "ASIAEXPIREDAAAAAAAAA", "secretAccessKey": "expired-secret", "account": "111122223333",
            "sessionToken": "old-token", "expiration": "%s"}]}
        """.formatted(now.plus(Duration.ofHours(12)), now.minus(Duration.ofMinutes(1)));
  }

  static AwsCredentialsProvider provider(AwsCredentials c) {
    return StaticCredentialsProvider.create(c);
  }

  static KinesisClient kinesis(URI endpoint, WireMode mode, AwsCredentialsProvider credentials) {
    return Clients.withCbor(mode, () -> KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build());
  }

  static KinesisAsyncClient kinesisAsync(URI endpoint, AwsCredentialsProvider credentials) {
    return KinesisAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  static DynamoDbClient dynamodb(URI endpoint, AwsCredentialsProvider credentials) {
    return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  static CloudWatchClient cloudwatch(URI endpoint, AwsCredentialsProvider credentials) {
    return CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  static AwsCredentialsProvider anonymous() {
    return AnonymousCredentialsProvider.create();
  }

  /** A JSON 1.1 Kinesis call signed by the SDK's signer; {@code tweak} may change it after signing. */
  record Signed(SdkHttpRequest request, byte[] body) {
    HttpResponse<String> send(HttpClient http, byte[] sentBody) throws IOException, InterruptedException {
      URI target = URI.create("http://" + request.host() + ":" + request.port() + request.encodedPath()
          + request.encodedQueryParameters().map(q -> "?" + q).orElse(""));
      HttpRequest.Builder b = HttpRequest.newBuilder(target)
          .method(request.method().name(), HttpRequest.BodyPublishers.ofByteArray(sentBody));
      request.forEachHeader((name, values) -> {
        if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
          values.forEach(v -> b.header(name, v));
        }
      });
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpClient http) throws IOException, InterruptedException {
      return send(http, body);
    }
  }

  /**
   * Signs a Kinesis JSON 1.1 call the way a client would, with the SDK's signer: in the header or
   * presigned in the query string, with the payload hash or UNSIGNED-PAYLOAD.
   */
  static Signed sign(URI endpoint, AwsCredentials c, String operation, String json, Clock clock,
      Map<AwsV4FamilyHttpSigner.AuthLocation, Duration> presign, boolean unsignedPayload) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    // signed as if for https (the SDK signs UNSIGNED-PAYLOAD only over TLS; the scheme is not part
    // of the signature), sent over the test's http endpoint
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .uri(URI.create("https://" + endpoint.getHost() + ":" + endpoint.getPort() + "/"))
        .putHeader("Host", endpoint.getHost() + ":" + endpoint.getPort())
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", "Kinesis_20131202." + operation).build();
    SignRequest.Builder<AwsCredentialsIdentity> sign = SignRequest.builder(
            AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey()))
        .request(request).payload(ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "kinesis")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, clock);
    presign.forEach((location, expiry) -> sign.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, location)
        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry));
    if (unsignedPayload) {
      sign.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false);
    }
    SignedRequest signed = AwsV4HttpSigner.create().sign(sign.build());
    return new Signed(signed.request(), signed.payload().map(AuthFixtures::read).orElse(body));
  }

  /** A GET of {@code path} signed for {@code kinesis} (the console's counters). */
  static Signed signGet(URI endpoint, AwsCredentials c, String path, Clock clock) {
    return signGet(endpoint, c, path, clock, "kinesis");
  }

  /** A GET of {@code path} signed for {@code service} (the credential scope's service name). */
  static Signed signGet(URI endpoint, AwsCredentials c, String path, Clock clock, String service) {
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(endpoint.resolve(path))
        .putHeader("Host", endpoint.getHost() + ":" + endpoint.getPort()).build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey()))
        .request(request)
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    return new Signed(signed.request(), new byte[0]);
  }

  private static byte[] read(ContentStreamProvider p) {
    try (InputStream in = p.newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
