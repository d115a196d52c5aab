package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rivulet.testkit.RivuletExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;

/**
 * The video control plane with {@code --auth}: SigV4 verified for the service {@code kinesisvideo},
 * the account is the signer's, and every call is authorised as {@code kinesisvideo:<Operation>} on
 * the stream's ARN; unsigned requests and wrong secrets get the rest-json answers.
 */
class VideoAuthTest {
  static final String ACCOUNT = "111122223333";
  static final String CREDENTIALS = """
      {"credentials": [
         {"accessKeyId": "AKIAKVADMINAAAAAAAAA", "secretAccessKey": "admin-secret", "account": "111122223333"},
         {"accessKeyId": "AKIAKVCAMERAAAAAAAAA", "secretAccessKey": "camera-secret",
          "account": "111122223333", "user": "camera", "policies": [
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["kinesisvideo:DescribeStream", "kinesisvideo:GetDataEndpoint"],
              "Resource": "arn:aws:kinesisvideo:us-east-1:111122223333:stream/cam-*/*"}]}]}]}
      """;

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension().withCredentials(CREDENTIALS);

  static KinesisVideoClient client(URI endpoint, String key, String secret) {
    return KinesisVideoClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static AwsServiceException error(Runnable call) {
    return catchThrowableOfType(AwsServiceException.class, call::run);
  }

  @Test
  void callsAreAuthorisedOnTheStreamArn() throws Exception {
    try (KinesisVideoClient admin = client(rivulet.endpoint(), "AKIAKVADMINAAAAAAAAA", "admin-secret");
        KinesisVideoClient camera = client(rivulet.endpoint(), "AKIAKVCAMERAAAAAAAAA", "camera-secret");
        KinesisVideoClient forger = client(rivulet.endpoint(), "AKIAKVCAMERAAAAAAAAA", "wrong")) {
      String arn = admin.createStream(b -> b.streamName("cam-porch")).streamARN();
      assertThat(arn).startsWith("arn:aws:kinesisvideo:us-east-1:" + ACCOUNT + ":stream/cam-porch/");
      admin.createStream(b -> b.streamName("vault"));

      assertThat(camera.describeStream(b -> b.streamName("cam-porch")).streamInfo().streamARN()).isEqualTo(arn);
      assertThat(camera.getDataEndpoint(b -> b.streamARN(arn).apiName(APIName.PUT_MEDIA)).dataEndpoint())
          .isEqualTo(rivulet.endpoint().toString());

      AwsServiceException denied = error(() -> camera.describeStream(b -> b.streamName("vault")));
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
      assertThat(denied.statusCode()).isEqualTo(401);
      assertThat(denied.awsErrorDetails().errorMessage()).contains("kinesisvideo:DescribeStream")
          .contains("arn:aws:kinesisvideo:us-east-1:" + ACCOUNT + ":stream/vault/");
      assertThat(error(() -> camera.deleteStream(b -> b.streamARN(arn))).awsErrorDetails().errorCode())
          .isEqualTo("AccessDeniedException");
      assertThat(error(() -> camera.createStream(b -> b.streamName("cam-new"))).awsErrorDetails()
          .errorCode()).isEqualTo("AccessDeniedException");

      AwsServiceException forged = error(() -> forger.describeStream(b -> b.streamName("cam-porch")));
      assertThat(forged.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
      assertThat(forged.statusCode()).isEqualTo(403);
    }
    HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        rivulet.endpoint().resolve("/listStreams")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("MissingAuthenticationTokenException:");
    HttpResponse<String> console = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        rivulet.endpoint().resolve("/console/api/video")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(console.statusCode()).as("the console's video list needs a signature too").isNotEqualTo(200);
  }
}
