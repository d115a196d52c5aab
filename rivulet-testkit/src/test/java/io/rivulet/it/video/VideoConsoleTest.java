package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.it.BrowserSpecs;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;

/**
 * Video streams in the web console: {@code src/test/browser/console-video.spec.mjs} drives headless
 * Chromium through the Video Streams pages (list, create, stream page, delete) without console
 * errors; and the read-only {@code /console/api/video} endpoint as the page reads it. The browser
 * part skips without node, Chromium or playwright-core, as the other console tests do.
 */
class VideoConsoleTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void videoPagesWorkInChromium() throws Exception {
    BrowserSpecs.run("console-video.spec.mjs",
        Map.of("RIVULET_ENDPOINT", rivulet.endpoint().toString()));
    assertThat(BrowserSpecs.SHOTS.resolve("video-02-stream.png")).exists();
  }

  @Test
  void apiVideoListsStreamsAndTheServiceIsAnnounced() throws Exception {
    try (KinesisVideoClient kvs = Clients.kinesisVideo(rivulet.endpoint())) {
      kvs.createStream(b -> b.streamName("console-api").dataRetentionInHours(3));
    }
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> services = http.send(HttpRequest.newBuilder(
        rivulet.endpoint().resolve("/console/api/services")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(services.body()).contains("\"KinesisVideo_20170930\"");
    JsonNode video = JSON.readTree(http.send(HttpRequest.newBuilder(
        rivulet.endpoint().resolve("/console/api/video")).build(), HttpResponse.BodyHandlers.ofString()).body());
    JsonNode stream = null;
    for (JsonNode s : video.get("streams")) {
      stream = "console-api".equals(s.get("name").asText()) ? s : stream;
    }
    assertThat(stream).as(video.toString()).isNotNull();
    assertThat(stream.get("name").asText()).isEqualTo("console-api");
    assertThat(stream.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(stream.get("dataRetentionInHours").asInt()).isEqualTo(3);
    assertThat(video.get("fragmentStore").asBoolean()).isEqualTo(rivulet.server().fragments() != null);
  }
}
