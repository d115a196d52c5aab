package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rivulet.testkit.RivuletExtension;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Format;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ImageSelectorType;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.model.StartSelectorType;

/**
 * Playback with {@code --auth}: signatures are verified for signing name {@code kinesisvideo} and
 * each call needs {@code kinesisvideo:<Operation>} on the stream's ARN, checked before the stream
 * is looked up, with AWS's errors.
 */
class MediaAuthTest {
  static final String ACCOUNT = "111122223333";
  static final String CREDENTIALS = """
      {"credentials": [
         {"accessKeyId": "AKIAKVADMINAAAAAAAAA", "secretAccessKey": "admin-secret", "account": "111122223333"},
         {"accessKeyId": "AKIAKVVIEWERAAAAAAAA", "secretAccessKey": "viewer-secret",
          "account": "111122223333", "user": "viewer", "policies": [
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["kinesisvideo:ListFragments", "kinesisvideo:GetMedia"],
              "Resource": "arn:aws:kinesisvideo:us-east-1:111122223333:stream/cam-*"}]}]}]}
      """;

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension().withCredentials(CREDENTIALS);

  @BeforeAll
  static void streams() {
    MediaFixtures.assumePlaybackWired(rivulet);
    try (KinesisVideoClient admin = KinesisVideoClient.builder()
        .endpointOverride(rivulet.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials("AKIAKVADMINAAAAAAAAA", "admin-secret"))
        .httpClientBuilder(Apache5HttpClient.builder()).build()) {
      admin.createStream(b -> b.streamName("cam-1").dataRetentionInHours(24));
      admin.createStream(b -> b.streamName("private").dataRetentionInHours(24));
    }
  }

  static StaticCredentialsProvider credentials(String key, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
  }

  static KinesisVideoArchivedMediaClient archived(String key, String secret) {
    return KinesisVideoArchivedMediaClient.builder().endpointOverride(rivulet.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(credentials(key, secret))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  static AwsServiceException error(Runnable call) {
    return catchThrowableOfType(AwsServiceException.class, call::run);
  }

  @Test
  void callsAreAuthorisedOnTheStreamArn() {
    try (KinesisVideoArchivedMediaClient viewer = archived("AKIAKVVIEWERAAAAAAAA",
        "viewer-secret")) {
      assertThat(viewer.listFragments(b -> b.streamName("cam-1")).fragments()).isEmpty();
      AwsServiceException denied = error(() -> viewer.listFragments(b -> b.streamName("private")));
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
      assertThat(denied.statusCode()).isEqualTo(401);
      assertThat(denied.awsErrorDetails().errorMessage())
          .contains("arn:aws:iam::" + ACCOUNT + ":user/viewer")
          .contains("kinesisvideo:ListFragments")
          .contains(":stream/private/");
      Instant now = Instant.now();
      assertThat(error(() -> viewer.getImages(b -> b.streamName("cam-1")
          .imageSelectorType(ImageSelectorType.SERVER_TIMESTAMP).startTimestamp(now)
          .endTimestamp(now.plusSeconds(1)).format(Format.JPEG))).awsErrorDetails().errorCode())
          .isEqualTo("AccessDeniedException");
      // allowed on the name pattern: authorised, then not found
      assertThat(error(() -> viewer.listFragments(b -> b.streamName("cam-none")))
          .awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
      // not allowed: refused before the server says whether it exists
      assertThat(error(() -> viewer.listFragments(b -> b.streamName("other-none")))
          .awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    }
  }

  @Test
  void getMediaIsAuthorisedAndBadSignaturesAreRefused() {
    URI endpoint = rivulet.endpoint();
    try (KinesisVideoMediaClient viewer = KinesisVideoMediaClient.builder()
        .endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials("AKIAKVVIEWERAAAAAAAA", "viewer-secret"))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
      assertThat(error(() -> viewer.getMedia(b -> b.streamName("private")
          .startSelector(s -> s.startSelectorType(StartSelectorType.NOW))).abort())
          .awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    }
    try (KinesisVideoArchivedMediaClient forger = archived("AKIAKVVIEWERAAAAAAAA", "wrong")) {
      AwsServiceException bad = error(() -> forger.listFragments(b -> b.streamName("cam-1")));
      assertThat(bad.statusCode()).isEqualTo(403);
      assertThat(bad.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
    }
  }
}
