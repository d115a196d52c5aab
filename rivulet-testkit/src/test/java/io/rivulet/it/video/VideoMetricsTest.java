package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.video.VideoStats;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;

/** {@code /metrics} follows video streams and the traffic counters the ingest and playback keep. */
class VideoMetricsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static String scrape() throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(rivulet.endpoint().resolve("/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void streamsAndCountersAreScraped() throws Exception {
    String arn;
    try (KinesisVideoClient kvs = Clients.kinesisVideo(rivulet.endpoint())) {
      arn = kvs.createStream(b -> b.streamName("metered").dataRetentionInHours(6)).streamARN();
      kvs.createStream(b -> b.streamName("other"));
    }
    String labels = "account=\"000000000000\",region=\"us-east-1\",stream=\"metered\"";
    String first = scrape();
    assertThat(first).contains("rivulet_video_streams{account=\"000000000000\",region=\"us-east-1\","
        + "status=\"ACTIVE\"} 2.0");
    assertThat(first).contains("rivulet_video_stream_retention_hours{" + labels + "} 6.0");
    assertThat(first).contains("rivulet_video_putmedia_incoming_fragments_total{" + labels + "} 0.0");

    VideoStats.StreamCounters c = rivulet.server().videoControl().stats().stream(arn);
    c.incomingFragments.add(3);
    c.incomingBytes.add(4096);
    c.activePutMediaConnections.incrementAndGet();
    c.outgoingFragments.add(2);
    String second = scrape();
    assertThat(second).contains("rivulet_video_putmedia_incoming_fragments_total{" + labels + "} 3.0");
    assertThat(second).contains("rivulet_video_putmedia_incoming_bytes_total{" + labels + "} 4096.0");
    assertThat(second).contains("rivulet_video_putmedia_active_connections{" + labels + "} 1.0");
    assertThat(second).contains("rivulet_video_getmedia_outgoing_fragments_total{" + labels + "} 2.0");

    try (KinesisVideoClient kvs = Clients.kinesisVideo(rivulet.endpoint())) {
      kvs.deleteStream(b -> b.streamARN(arn));
    }
    String third = scrape();
    assertThat(third).contains("rivulet_video_streams{account=\"000000000000\",region=\"us-east-1\","
        + "status=\"ACTIVE\"} 1.0");
    assertThat(third).doesNotContain(labels);
  }
}
