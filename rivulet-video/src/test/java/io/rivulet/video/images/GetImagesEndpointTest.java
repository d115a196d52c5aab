package io.rivulet.video.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoException;
import io.rivulet.video.media.MediaRequests;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.testing.MemoryCatalog;
import io.rivulet.video.testing.MemoryFragmentStore;
import io.rivulet.video.testing.TestVideo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetImages over ffmpeg-made H.264: pictures compared with ffmpeg's, sampling, paging, errors. */
class GetImagesEndpointTest {
  private static final Instant START = Instant.parse("2026-11-26T03:00:00Z");
  @TempDir static Path dir;
  static TestVideo.Video video;
  static MemoryCatalog catalog;
  static MemoryFragmentStore store;
  static GetImagesEndpoint endpoint;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(TestVideo.ffmpegAvailable(), "ffmpeg is not installed");
    video = TestVideo.make(dir, 320, 240, 3);
    catalog = new MemoryCatalog();
    String arn = catalog.add("cam", 24).streamArn();
    catalog.add("no-retention", 0);
    store = new MemoryFragmentStore();
    for (Fragment f : TestVideo.fragments(video, arn, 1, START, 200)) {
      store.add(f);
    }
    endpoint = new GetImagesEndpoint(catalog, io.rivulet.video.media.MediaAccess.off(), store,
        new JcodecFrameDecoder());
  }

  @AfterAll
  static void tearDown() {
    if (endpoint != null) {
      endpoint.close();
    }
  }

  static JsonNode getImages(String json) {
    AwsRequest r = new AwsRequest("POST", "/getImages", "", Map.of(),
        json.getBytes(StandardCharsets.UTF_8), "req");
    assertThat(endpoint.accepts(r)).isTrue();
    try {
      AwsResponse response = endpoint.handle(r).join();
      assertThat(response.status()).isEqualTo(200);
      return MediaRequests.JSON.readTree(response.body());
    } catch (CompletionException e) {
      throw (RuntimeException) e.getCause();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static String range(long fromMillis, long toMillis) {
    return "\"StartTimestamp\":" + MediaRequests.epochSeconds(START.plusMillis(fromMillis))
        + ",\"EndTimestamp\":" + MediaRequests.epochSeconds(START.plusMillis(toMillis));
  }

  static BufferedImage image(JsonNode image) throws Exception {
    byte[] bytes = Base64.getDecoder().decode(image.get("ImageContent").asText());
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  /** ffmpeg's own decoding of frame {@code index} of the test video. */
  static BufferedImage ffmpegFrame(int index) throws Exception {
    Path h264 = dir.resolve("video.h264");
    java.nio.file.Files.write(h264, video.annexB());
    Path png = dir.resolve("frame-" + index + ".png");
    TestVideo.run(dir, "ffmpeg", "-nostdin", "-v", "error", "-i", h264.toString(), "-vf",
        "select=eq(n\\," + index + ")", "-frames:v", "1", "-y", png.toString());
    return ImageIO.read(png.toFile());
  }

  @Test
  void jpegMatchesTheFrameFfmpegDecodes() throws Exception {
    // 1.5 s in: the frame shown is frame 37 (1.48 s), two P-frames... from the keyframe at 1 s
    JsonNode out = getImages("{\"StreamName\":\"cam\",\"ImageSelectorType\":\"PRODUCER_TIMESTAMP\","
        + range(1500, 1600) + ",\"SamplingInterval\":1000,\"Format\":\"JPEG\","
        + "\"FormatConfig\":{\"JPEGQuality\":\"95\"}}");
    JsonNode images = out.get("Images");
    assertThat(images).hasSize(1);
    assertThat(images.get(0).get("TimeStamp").decimalValue())
        .isEqualByComparingTo(MediaRequests.epochSeconds(START.plusMillis(1500)));
    BufferedImage ours = image(images.get(0));
    assertThat(ours.getWidth()).isEqualTo(320);
    assertThat(ours.getHeight()).isEqualTo(240);
    BufferedImage reference = ffmpegFrame(37);
    // JPEG's 4:2:0 chroma costs testsrc's saturated colour edges a few dB in RGB
    double psnr = Psnr.of(ours, reference);
    assertThat(psnr).isGreaterThan(25.0);
    assertThat(Psnr.of(ours, ffmpegFrame(30))).isLessThan(psnr - 3);
    // the same instant as PNG is the very frame ffmpeg decodes, not a neighbour
    BufferedImage png = image(getImages("{\"StreamName\":\"cam\","
        + "\"ImageSelectorType\":\"PRODUCER_TIMESTAMP\"," + range(1500, 1600)
        + ",\"SamplingInterval\":1000,\"Format\":\"PNG\"}").get("Images").get(0));
    double exact = Psnr.of(png, reference);
    assertThat(exact).isGreaterThan(45.0);
    assertThat(Psnr.of(png, ffmpegFrame(36))).isLessThan(exact - 5);
    assertThat(Psnr.of(png, ffmpegFrame(38))).isLessThan(exact - 5);
  }

  @Test
  void pngIsLosslessToTheDecodedFrame() throws Exception {
    JsonNode out = getImages("{\"StreamName\":\"cam\",\"ImageSelectorType\":\"SERVER_TIMESTAMP\","
        + range(200, 200) + ",\"Format\":\"PNG\"}");
    BufferedImage ours = image(out.get("Images").get(0));
    // server timestamps are 200 ms behind producer ones: 200 ms server time is the first frame
    assertThat(Psnr.of(ours, ffmpegFrame(0))).isGreaterThan(35.0);
  }

  @Test
  void samplesEveryIntervalWithNoMediaOutsideTheFragmentsAndPages() {
    String req = "{\"StreamName\":\"cam\",\"ImageSelectorType\":\"PRODUCER_TIMESTAMP\","
        + range(-2000, 4000) + ",\"SamplingInterval\":200,\"Format\":\"JPEG\","
        + "\"WidthPixels\":80";
    JsonNode page1 = getImages(req + "}");
    List<JsonNode> images = list(page1.get("Images"));
    assertThat(images).hasSize(25);
    assertThat(images.subList(0, 10)).allSatisfy(i -> {
      assertThat(i.get("Error").asText()).isEqualTo("NO_MEDIA");
      assertThat(i.has("ImageContent")).isFalse();
    });
    assertThat(images.subList(10, 25)).allSatisfy(i -> assertThat(i.has("Error")).isFalse());
    String token = page1.get("NextToken").asText();
    JsonNode page2 = getImages(req + ",\"NextToken\":\"" + token + "\"}");
    assertThat(list(page2.get("Images"))).hasSize(5).allSatisfy(
        i -> assertThat(i.get("Error").asText()).isEqualTo("NO_MEDIA"));
    assertThat(page2.has("NextToken")).isFalse();
    assertThat(page2.get("Images").get(0).get("TimeStamp").decimalValue())
        .isEqualByComparingTo(MediaRequests.epochSeconds(START.plusMillis(3000)));
    JsonNode limited = getImages(req + ",\"MaxResults\":7}");
    assertThat(limited.get("Images")).hasSize(7);
    assertThat(limited.has("NextToken")).isFalse();
  }

  @Test
  void scalesKeepingTheAspectWhenOneSideIsGiven() throws Exception {
    String base = "{\"StreamName\":\"cam\",\"ImageSelectorType\":\"PRODUCER_TIMESTAMP\","
        + range(500, 500) + ",\"Format\":\"PNG\"";
    BufferedImage w = image(getImages(base + ",\"WidthPixels\":160}").get("Images").get(0));
    assertThat(w.getWidth()).isEqualTo(160);
    assertThat(w.getHeight()).isEqualTo(120);
    BufferedImage h = image(getImages(base + ",\"HeightPixels\":60}").get("Images").get(0));
    assertThat(h.getWidth()).isEqualTo(80);
    assertThat(h.getHeight()).isEqualTo(60);
    BufferedImage both = image(getImages(base + ",\"WidthPixels\":100,\"HeightPixels\":50}")
        .get("Images").get(0));
    assertThat(both.getWidth()).isEqualTo(100);
    assertThat(both.getHeight()).isEqualTo(50);
  }

  @Test
  void errorsAsAws() {
    String ok = "\"ImageSelectorType\":\"PRODUCER_TIMESTAMP\"," + range(0, 1000)
        + ",\"Format\":\"JPEG\"";
    assertThatThrownBy(() -> getImages("{\"StreamName\":\"no-retention\"," + ok + "}"))
        .isInstanceOfSatisfying(VideoException.class,
            e -> assertThat(e.errorType()).isEqualTo("NoDataRetentionException"));
    assertThatThrownBy(() -> getImages("{\"StreamName\":\"nope\"," + ok + "}"))
        .isInstanceOfSatisfying(VideoException.class,
            e -> assertThat(e.errorType()).isEqualTo("ResourceNotFoundException"));
    for (String bad : List.of(
        "{\"StreamName\":\"cam\"," + ok + ",\"SamplingInterval\":100}",
        "{\"StreamName\":\"cam\"," + ok + ",\"WidthPixels\":3841}",
        "{\"StreamName\":\"cam\"," + ok + ",\"HeightPixels\":0}",
        "{\"StreamName\":\"cam\"," + ok + ",\"MaxResults\":101}",
        "{\"StreamName\":\"cam\"," + ok + ",\"FormatConfig\":{\"JPEGQuality\":\"101\"}}",
        "{\"StreamName\":\"cam\"," + ok + ",\"FormatConfig\":{\"Quality\":\"50\"}}",
        "{\"StreamName\":\"cam\",\"ImageSelectorType\":\"PRODUCER_TIMESTAMP\"," + range(0, 1000)
            + "}",
        "{\"StreamName\":\"cam\",\"ImageSelectorType\":\"PRODUCER_TIMESTAMP\"," + range(1000, 0)
            + ",\"Format\":\"JPEG\"}",
        "{\"StreamName\":\"cam\",\"ImageSelectorType\":\"NOW\"," + range(0, 1000)
            + ",\"Format\":\"JPEG\"}")) {
      assertThatThrownBy(() -> getImages(bad)).as(bad).isInstanceOfSatisfying(
          VideoException.class,
          e -> assertThat(e.errorType()).isEqualTo("InvalidArgumentException"));
    }
  }

  @Test
  void ffmpegDecoderGivesTheSamePicture() throws Exception {
    FfmpegFrameDecoder ffmpeg = new FfmpegFrameDecoder("ffmpeg", 30_000);
    List<io.rivulet.video.store.FragmentStore.Frame> frames = video.frames().subList(25, 33);
    BufferedImage a = ffmpeg.decode(video.track(), frames);
    BufferedImage b = new JcodecFrameDecoder().decode(video.track(), frames);
    assertThat(a.getWidth()).isEqualTo(320);
    assertThat(Psnr.of(a, ffmpegFrame(32))).isGreaterThan(45.0);
    assertThat(Psnr.of(b, a)).isGreaterThan(30.0);
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
