package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;
import software.amazon.awssdk.services.kinesisvideo.model.Status;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;

/**
 * The Kinesis Video Streams control plane through the AWS SDK v2 KinesisVideoClient (sync):
 * create, describe by name and ARN, data endpoint, update, retention, delete, and their errors.
 */
class VideoStreamLifecycleTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static KinesisVideoClient kvs;

  @BeforeAll
  static void client() {
    kvs = Clients.kinesisVideoWithoutRetries(rivulet.endpoint());
  }

  @AfterAll
  static void close() {
    kvs.close();
  }

  @Test
  void createDescribeUpdateDelete() {
    Instant before = Instant.now().minusSeconds(1);
    String arn = kvs.createStream(b -> b.streamName("cam-1").deviceName("porch")
        .mediaType("video/h264").dataRetentionInHours(24).tags(Map.of("site", "home")))
        .streamARN();
    assertThat(arn).matches("arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam-1/\\d{13}");

    StreamInfo info = kvs.describeStream(b -> b.streamName("cam-1")).streamInfo();
    assertThat(info.streamARN()).isEqualTo(arn);
    assertThat(info.streamName()).isEqualTo("cam-1");
    assertThat(info.deviceName()).isEqualTo("porch");
    assertThat(info.mediaType()).isEqualTo("video/h264");
    assertThat(info.dataRetentionInHours()).isEqualTo(24);
    assertThat(info.status()).isEqualTo(Status.ACTIVE);
    assertThat(info.version()).matches("[a-zA-Z0-9]+");
    assertThat(info.creationTime()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    assertThat(arn).endsWith("/" + info.creationTime().toEpochMilli());
    assertThat(kvs.describeStream(b -> b.streamARN(arn)).streamInfo()).isEqualTo(info);

    for (APIName api : APIName.knownValues()) {
      assertThat(kvs.getDataEndpoint(b -> b.streamName("cam-1").apiName(api)).dataEndpoint())
          .as("%s", api).isEqualTo(rivulet.endpoint().toString());
    }

    assertThatThrownBy(() -> kvs.createStream(b -> b.streamName("cam-1")))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> kvs.updateStream(b -> b.streamName("cam-1")
        .currentVersion("stale").mediaType("video/h265")))
        .isInstanceOf(VersionMismatchException.class);
    kvs.updateStream(b -> b.streamName("cam-1").currentVersion(info.version())
        .mediaType("video/h265"));
    StreamInfo updated = kvs.describeStream(b -> b.streamName("cam-1")).streamInfo();
    assertThat(updated.mediaType()).isEqualTo("video/h265");
    assertThat(updated.deviceName()).isEqualTo("porch");
    assertThat(updated.version()).isNotEqualTo(info.version());

    assertThatThrownBy(() -> kvs.deleteStream(b -> b.streamARN(arn).currentVersion(info.version())))
        .isInstanceOf(VersionMismatchException.class);
    kvs.deleteStream(b -> b.streamARN(arn).currentVersion(updated.version()));
    assertThatThrownBy(() -> kvs.describeStream(b -> b.streamName("cam-1")))
        .isInstanceOf(ResourceNotFoundException.class)
        .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void describingAnAbsentStreamIs404() {
    assertThatThrownBy(() -> kvs.describeStream(b -> b.streamName("absent")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("absent");
  }
}
