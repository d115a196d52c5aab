package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.video.MkvSource;
import io.rivulet.testkit.video.PutMediaClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ClipFragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.HLSPlaybackMode;

/**
 * HLS and GetClip with {@code --auth}: the session and clip calls are SigV4-verified and need
 * {@code kinesisvideo:GetHLSStreamingSessionURL} / {@code GetClip} on the stream, while the
 * session's playlists and fragments are fetched unsigned with the token alone, as players do.
 */
class HlsAuthTest {
  static final String CREDENTIALS = """
      {"credentials": [
         {"accessKeyId": "AKIAHLSADMINAAAAAAAA", "secretAccessKey": "admin-secret", "account": "111122223333"},
         {"accessKeyId": "AKIAHLSVIEWERAAAAAAA", "secretAccessKey": "viewer-secret",
          "account": "111122223333", "user": "viewer", "policies": [
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["kinesisvideo:GetHLSStreamingSessionURL"],
              "Resource": "arn:aws:kinesisvideo:us-east-1:111122223333:stream/door/*"}]}]}]}
      """;

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension().withCredentials(CREDENTIALS);
  @TempDir static Path dir;
  static KinesisVideoArchivedMediaClient viewer;

  @BeforeAll
  static void ingest() throws Exception {
    try (KinesisVideoClient admin = KinesisVideoClient.builder().endpointOverride(rivulet.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(credentials("AKIAHLSADMINAAAAAAAA", "admin-secret"))
        .httpClientBuilder(Apache5HttpClient.builder()).build()) {
      admin.createStream(b -> b.streamName("door").dataRetentionInHours(1));
    }
    MkvSource source = MkvSource.read(MkvSource.ffmpeg(dir, 2));
    long base = Instant.now().minusSeconds(10).toEpochMilli();
    assertThat(Players.upload(rivulet.endpoint(), PutMediaClient.Options.absolute("door")
        .credentials("AKIAHLSADMINAAAAAAAA", "admin-secret", "us-east-1"), source, base)).hasSize(2);
    viewer = KinesisVideoArchivedMediaClient.builder().endpointOverride(rivulet.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(credentials("AKIAHLSVIEWERAAAAAAA", "viewer-secret"))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  @AfterAll
  static void close() {
    viewer.close();
  }

  static StaticCredentialsProvider credentials(String key, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
  }

  @Test
  void anAllowedViewerGetsAUrlThatPlaysUnsigned() throws Exception {
    String url = viewer.getHLSStreamingSessionURL(b -> b.streamName("door")
        .playbackMode(HLSPlaybackMode.LIVE)).hlsStreamingSessionURL();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> master = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(master.statusCode()).isEqualTo(200);
    assertThat(master.body()).contains("#EXT-X-STREAM-INF:CODECS=\"avc1.42");
    String token = url.substring(url.indexOf("SessionToken=") + "SessionToken=".length());
    HttpResponse<String> media = http.send(HttpRequest.newBuilder(URI.create(rivulet.endpoint()
        + "/hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=" + token)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(media.statusCode()).isEqualTo(200);
    assertThat(media.body()).contains("getMP4MediaFragment.mp4?FragmentNumber=");
  }

  @Test
  void callsTheViewerMayNotMakeAreDenied() {
    AwsServiceException clip = catchThrowableOfType(AwsServiceException.class,
        () -> viewer.getClip(b -> b.streamName("door").clipFragmentSelector(s -> s
            .fragmentSelectorType(ClipFragmentSelectorType.SERVER_TIMESTAMP)
            .timestampRange(r -> r.startTimestamp(Instant.now().minusSeconds(60))
                .endTimestamp(Instant.now())))));
    assertThat(clip.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    assertThat(clip.statusCode()).isEqualTo(401);
    AwsServiceException other = catchThrowableOfType(AwsServiceException.class,
        () -> viewer.getHLSStreamingSessionURL(b -> b.streamName("garage")));
    assertThat(other.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
  }

  @Test
  void anUnsignedSessionRequestIsRefused() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        rivulet.endpoint() + "/getHLSStreamingSessionURL")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"StreamName\":\"door\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType").orElse("")).startsWith("MissingAuthenticationToken");
  }
}
