package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.video.store.FragmentStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;

/**
 * The video parts wired together in one server: ffmpeg as the camera sends live MKV to PutMedia
 * at the URL GetDataEndpoint gives, ListFragments (archived-media SDK client) finds the fragments,
 * {@code /metrics} and the console's {@code /console/api/video} count them, and DeleteStream drops
 * them from the fragment store. Skipped without ffmpeg.
 */
class VideoServerWiringTest {
  static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
  static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static String get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(rivulet.endpoint().resolve(path))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void ffmpegCameraToListFragmentsMetricsAndConsole() throws Exception {
    assumeTrue(Files.isExecutable(FFMPEG), "ffmpeg is not installed");
    String arn;
    URI data;
    try (KinesisVideoClient kvs = Clients.kinesisVideo(rivulet.endpoint())) {
      arn = kvs.createStream(b -> b.streamName("camera").dataRetentionInHours(1)).streamARN();
      data = URI.create(kvs.getDataEndpoint(b -> b.streamName("camera").apiName(APIName.PUT_MEDIA))
          .dataEndpoint());
    }
    double start = Instant.now().toEpochMilli() / 1000.0;
    Process ffmpeg = new ProcessBuilder(FFMPEG.toString(), "-hide_banner", "-loglevel", "error",
        // -re: sent in real time, as a camera does; ffmpeg closes without reading the acks, so
        // an upload faster than the server reads can lose its tail (docs/VIDEO.md)
        "-re", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "3", "-c:v", "libx264",
        "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", "-f", "matroska",
        "-cluster_time_limit", "1000", "-method", "POST", "-headers",
        "x-amzn-stream-name: camera\r\nx-amzn-fragment-timecode-type: RELATIVE\r\n"
            + "x-amzn-producer-start-timestamp: " + String.format("%.3f", start) + "\r\n",
        data.resolve("/putMedia").toString()).redirectErrorStream(true).start();
    ffmpeg.getOutputStream().close();
    String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ffmpeg.exitValue()).as(output).isZero();

    List<Fragment> fragments;
    try (KinesisVideoArchivedMediaClient archived = Clients.kinesisVideoArchivedMedia(data)) {
      fragments = archived.listFragments(b -> b.streamName("camera").fragmentSelector(s -> s
          .fragmentSelectorType(FragmentSelectorType.SERVER_TIMESTAMP)
          .timestampRange(r -> r.startTimestamp(Instant.now().minusSeconds(600))
              .endTimestamp(Instant.now().plusSeconds(60))))).fragments();
    }
    assertThat(fragments).hasSizeGreaterThanOrEqualTo(2);
    long bytes = fragments.stream().mapToLong(Fragment::fragmentSizeInBytes).sum();

    String labels = "account=\"000000000000\",region=\"us-east-1\",stream=\"camera\"";
    String metrics = get("/metrics");
    assertThat(metrics).contains("rivulet_video_putmedia_incoming_fragments_total{" + labels + "} "
        + fragments.size() + ".0");
    assertThat(metrics).contains("rivulet_video_putmedia_persisted_fragments_total{" + labels + "} "
        + fragments.size() + ".0");
    assertThat(metrics).contains("rivulet_video_putmedia_incoming_bytes_total{" + labels + "}");

    JsonNode console = JSON.readTree(get("/console/api/video"));
    assertThat(console.get("fragmentStore").asBoolean()).isTrue();
    JsonNode stream = console.get("streams").get(0);
    assertThat(stream.get("fragments").asInt()).isEqualTo(fragments.size());
    assertThat(stream.at("/lastFragment/fragmentNumber").asText())
        .isEqualTo(fragments.stream().map(Fragment::fragmentNumber).max(String::compareTo).orElseThrow());
    assertThat(bytes).isPositive();

    try (KinesisVideoClient kvs = Clients.kinesisVideo(rivulet.endpoint())) {
      kvs.deleteStream(b -> b.streamARN(arn));
    }
    assertThat(rivulet.server().fragments().list(arn, FragmentStore.TimestampKind.SERVER_TIMESTAMP,
        null, null, null, 100)).isEmpty();
  }
}
