package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.video.MkvSource;
import io.rivulet.testkit.video.PutMediaClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;

/**
 * PutMedia with {@code --auth}: the producer SDK's signature (headers only, the payload hashed as
 * empty, {@code Host} without its port) is verified, a wrong secret is refused before any body is
 * read, and a user without {@code kinesisvideo:PutMedia} on the stream is denied.
 */
@Timeout(60)
class PutMediaAuthTest {
  static final String CREDENTIALS = """
      {"credentials": [
         {"accessKeyId": "AKIAVIDEOROOTAAAAAAA", "secretAccessKey": "rivulet-test-secret",
          "account": "111122223333"},
         {"accessKeyId": "AKIAVIDEOREADERAAAAA", "secretAccessKey": "rivulet-test-secret",
          "account": "111122223333", "user": "reader", "policies": [
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["kinesisvideo:DescribeStream"], "Resource": "*"}]}]}]}
      """;

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension().withCredentials(CREDENTIALS);
  @TempDir Path dir;

  static PutMediaClient.Options as(String key, String secret) {
    return PutMediaClient.Options.absolute("secured").credentials(key, secret, "us-east-1");
  }

  @Test
  void signedSessionsAreVerifiedAndAuthorized() throws Exception {
    try (KinesisVideoClient kvs = Clients.kinesisVideoAs(rivulet.endpoint(),
        "AKIAVIDEOROOTAAAAAAA", Region.US_EAST_1)) {
      kvs.createStream(b -> b.streamName("secured").dataRetentionInHours(1));
    }
    MkvSource source = MkvSource.read(MkvSource.ffmpeg(dir, 1));
    try (PutMediaClient ok = PutMediaClient.connect(rivulet.endpoint(),
        as("AKIAVIDEOROOTAAAAAAA", "rivulet-test-secret"))) {
      assertThat(ok.status()).isEqualTo(200);
      ok.start(source.tracks());
      ok.putFragment(System.currentTimeMillis(), source.clusters().get(0), Map.of());
      assertThat(ok.finish("PERSISTED", Duration.ofSeconds(10)))
          .extracting(a -> a.get("EventType").asText())
          .containsExactly("BUFFERING", "RECEIVED", "PERSISTED");
    }
    try (PutMediaClient wrong = PutMediaClient.connect(rivulet.endpoint(),
        as("AKIAVIDEOROOTAAAAAAA", "not-the-secret"))) {
      assertThat(wrong.status()).isEqualTo(403);
      assertThat(wrong.responseHeaders())
          .containsEntry("x-amzn-errortype", "InvalidSignatureException:");
      assertThat(wrong.errorBody()).contains("signature");
    }
    try (PutMediaClient reader = PutMediaClient.connect(rivulet.endpoint(),
        as("AKIAVIDEOREADERAAAAA", "rivulet-test-secret"))) {
      assertThat(reader.status()).isEqualTo(401);
      assertThat(reader.responseHeaders())
          .containsEntry("x-amzn-errortype", "AccessDeniedException:");
      assertThat(reader.errorBody()).contains("kinesisvideo:PutMedia");
    }
  }
}
