package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ConfigurationStatus;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;

/** Video streams, their settings and signaling channels survive a restart; deleted ones stay gone. */
class VideoRestartTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Test
  void metadataSurvivesARestart() throws Exception {
    StreamInfo before;
    String channel;
    try (KinesisVideoClient kvs = Clients.kinesisVideo(rivulet.endpoint())) {
      kvs.createStream(b -> b.streamName("durable").deviceName("cam").mediaType("video/h264")
          .dataRetentionInHours(48).tags(Map.of("k", "v")));
      kvs.updateNotificationConfiguration(b -> b.streamName("durable").notificationConfiguration(c -> c
          .status(ConfigurationStatus.ENABLED).destinationConfig(d -> d.uri("arn:aws:sns:us-east-1:1:t"))));
      String doomed = kvs.createStream(b -> b.streamName("doomed")).streamARN();
      kvs.deleteStream(b -> b.streamARN(doomed));
      channel = kvs.createSignalingChannel(b -> b.channelName("durable-chan")).channelARN();
      before = kvs.describeStream(b -> b.streamName("durable")).streamInfo();
    }
    assertThat(Files.isDirectory(rivulet.dataDir().resolve("video").resolve("meta"))).isTrue();

    rivulet.restart();

    try (KinesisVideoClient kvs = Clients.kinesisVideo(rivulet.endpoint())) {
      assertThat(kvs.describeStream(b -> b.streamName("durable")).streamInfo()).isEqualTo(before);
      assertThat(kvs.listTagsForStream(b -> b.streamName("durable")).tags()).isEqualTo(Map.of("k", "v"));
      assertThat(kvs.describeNotificationConfiguration(b -> b.streamName("durable"))
          .notificationConfiguration().destinationConfig().uri()).isEqualTo("arn:aws:sns:us-east-1:1:t");
      assertThatThrownBy(() -> kvs.describeStream(b -> b.streamName("doomed")))
          .isInstanceOf(ResourceNotFoundException.class);
      assertThat(kvs.describeSignalingChannel(b -> b.channelName("durable-chan")).channelInfo()
          .channelARN()).isEqualTo(channel);
      kvs.updateStream(b -> b.streamName("durable").currentVersion(before.version()).deviceName("cam-2"));
    }
  }
}
