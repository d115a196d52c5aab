package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.AwsCli;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.video.images.FfmpegFrameDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaAsyncClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Format;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetImagesResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetMediaForFragmentListResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Image;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ImageError;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ImageSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.NoDataRetentionException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

/**
 * ListFragments, GetMediaForFragmentList and GetImages through the AWS SDK v2
 * KinesisVideoArchivedMediaClient (sync and async) and the AWS CLI, over fragments ffmpeg put as a
 * camera; a GetImages JPEG is compared with the frame ffmpeg decodes.
 */
class ArchivedMediaTest {
  static final String STREAM = "archive-cam";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  @TempDir static Path dir;
  static KinesisVideoClient control;
  static KinesisVideoArchivedMediaClient archived;
  static KinesisVideoArchivedMediaAsyncClient archivedAsync;
  static URI dataEndpoint;
  static Path camera;
  static List<Fragment> stored;

  @BeforeAll
  static void putVideo() throws Exception {
    assumeTrue(FfmpegFrameDecoder.available("ffmpeg"), "ffmpeg is not installed");
    MediaFixtures.assumePlaybackWired(rivulet);
    control = Clients.kinesisVideo(rivulet.endpoint());
    control.createStream(b -> b.streamName(STREAM).mediaType("video/h264")
        .dataRetentionInHours(24));
    control.createStream(b -> b.streamName("no-retention").dataRetentionInHours(0));
    dataEndpoint = URI.create(control.getDataEndpoint(b -> b.streamName(STREAM)
        .apiName(APIName.LIST_FRAGMENTS)).dataEndpoint());
    archived = Clients.kinesisVideoArchivedMedia(dataEndpoint);
    archivedAsync = Clients.kinesisVideoArchivedMediaAsync(dataEndpoint);
    camera = MediaFixtures.camera(dir, "camera", 4);
    MediaFixtures.putMedia(rivulet.endpoint(), STREAM, camera,
        Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS));
    stored = MediaFixtures.await(() -> archived.listFragments(b -> b.streamName(STREAM))
        .fragments(), 4);
    assertThat(stored).hasSize(4);
  }

  @AfterAll
  static void close() {
    if (control != null) {
      control.close();
      archived.close();
      archivedAsync.close();
    }
  }

  @Test
  void listFragmentsByRangeAndPage() throws Exception {
    assertThat(stored).allSatisfy(f -> {
      assertThat(f.fragmentLengthInMilliseconds()).isBetween(900L, 1100L);
      assertThat(f.fragmentSizeInBytes()).isPositive();
      assertThat(f.serverTimestamp()).isAfter(f.producerTimestamp());
    });
    assertThat(stored.get(1).producerTimestamp())
        .isEqualTo(stored.get(0).producerTimestamp().plusSeconds(1));
    Instant from = stored.get(1).producerTimestamp();
    Instant to = stored.get(2).producerTimestamp();
    List<Fragment> range = archived.listFragments(b -> b.streamName(STREAM)
        .fragmentSelector(s -> s.fragmentSelectorType(FragmentSelectorType.PRODUCER_TIMESTAMP)
            .timestampRange(r -> r.startTimestamp(from).endTimestamp(to)))).fragments();
    assertThat(range).extracting(Fragment::fragmentNumber)
        .containsExactly(stored.get(1).fragmentNumber(), stored.get(2).fragmentNumber());
    List<String> paged = new ArrayList<>();
    archived.listFragmentsPaginator(b -> b.streamName(STREAM).maxResults(1L))
        .forEach(p -> {
          assertThat(p.fragments()).hasSize(1);
          paged.add(p.fragments().get(0).fragmentNumber());
        });
    assertThat(paged).containsExactlyElementsOf(
        stored.stream().map(Fragment::fragmentNumber).toList());
    List<Fragment> async = archivedAsync.listFragments(b -> b.streamARN(arn())
        .fragmentSelector(s -> s.fragmentSelectorType(FragmentSelectorType.SERVER_TIMESTAMP)
            .timestampRange(r -> r.startTimestamp(stored.get(3).serverTimestamp())
                .endTimestamp(Instant.now())))).get(30, TimeUnit.SECONDS).fragments();
    // put faster than real time, fragments may share server timestamps
    assertThat(async).extracting(Fragment::fragmentNumber).containsExactlyElementsOf(
        stored.stream().filter(f -> !f.serverTimestamp().isBefore(stored.get(3).serverTimestamp()))
            .map(Fragment::fragmentNumber).toList()).contains(stored.get(3).fragmentNumber());
    assertThatThrownBy(() -> archived.listFragments(b -> b.streamName("nope")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> archived.listFragments(b -> b.streamName(STREAM).maxResults(5000L)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  static String arn() {
    return control.describeStream(b -> b.streamName(STREAM)).streamInfo().streamARN();
  }

  @Test
  void getMediaForFragmentListSyncAndAsync() throws Exception {
    List<String> wanted = List.of(stored.get(2).fragmentNumber(), stored.get(0).fragmentNumber());
    ResponseBytes<GetMediaForFragmentListResponse> sync = archived.getMediaForFragmentListAsBytes(
        b -> b.streamName(STREAM).fragments(wanted));
    assertThat(sync.response().contentType()).isEqualTo("video/webm");
    byte[] bytes = sync.asByteArray();
    assertThat(MediaFixtures.values(bytes, "AWS_KINESISVIDEO_FRAGMENT_NUMBER"))
        .containsExactlyElementsOf(wanted);
    Path out = MediaFixtures.write(dir, "list.mkv", bytes);
    assertThat(MediaFixtures.decodedFrames(dir, out)).isEqualTo(2 * MediaFixtures.FPS);
    ResponseBytes<GetMediaForFragmentListResponse> async = archivedAsync.getMediaForFragmentList(
        b -> b.streamARN(arn()).fragments(stored.get(3).fragmentNumber()),
        AsyncResponseTransformer.toBytes()).get(30, TimeUnit.SECONDS);
    assertThat(MediaFixtures.values(async.asByteArray(), "AWS_KINESISVIDEO_FRAGMENT_NUMBER"))
        .containsExactly(stored.get(3).fragmentNumber());
    assertThatThrownBy(() -> archived.getMediaForFragmentListAsBytes(b -> b.streamName(STREAM)
        .fragments("1234567890"))).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void getImagesJpegMatchesTheFrameFfmpegDecodes() throws Exception {
    // 1.5 s after the first fragment's producer timestamp: frame 37 of the camera's video
    Instant at = stored.get(0).producerTimestamp().plusMillis(1500);
    GetImagesResponse r = archived.getImages(b -> b.streamName(STREAM)
        .imageSelectorType(ImageSelectorType.PRODUCER_TIMESTAMP).startTimestamp(at)
        .endTimestamp(at.plusMillis(100)).samplingInterval(1000).format(Format.JPEG)
        .formatConfigWithStrings(Map.of("JPEGQuality", "95")));
    assertThat(r.images()).hasSize(1);
    Image image = r.images().get(0);
    assertThat(image.timeStamp()).isEqualTo(at);
    assertThat(image.error()).isNull();
    BufferedImage ours = decode(image);
    assertThat(ours.getWidth()).isEqualTo(320);
    BufferedImage reference = MediaFixtures.frame(dir, camera, 37);
    double psnr = MediaFixtures.psnr(ours, reference);
    assertThat(psnr).isGreaterThan(25.0);
    assertThat(MediaFixtures.psnr(ours, MediaFixtures.frame(dir, camera, 30)))
        .isLessThan(psnr - 3);
  }

  @Test
  void getImagesSamplesPagesAndScales() throws Exception {
    Instant start = stored.get(0).producerTimestamp().minusSeconds(2);
    List<Image> all = new ArrayList<>();
    archived.getImagesPaginator(b -> b.streamName(STREAM)
        .imageSelectorType(ImageSelectorType.PRODUCER_TIMESTAMP).startTimestamp(start)
        .endTimestamp(start.plusSeconds(7)).samplingInterval(200).format(Format.PNG)
        .widthPixels(160)).forEach(p -> {
          assertThat(p.images().size()).isLessThanOrEqualTo(25);
          all.addAll(p.images());
        });
    assertThat(all).hasSize(35);
    assertThat(all.subList(0, 10)).allSatisfy(i -> assertThat(i.error())
        .isEqualTo(ImageError.NO_MEDIA));
    assertThat(all.subList(10, 30)).allSatisfy(i -> {
      assertThat(i.error()).isNull();
      BufferedImage png = decode(i);
      assertThat(png.getWidth()).isEqualTo(160);
      assertThat(png.getHeight()).isEqualTo(120);
    });
    GetImagesResponse async = archivedAsync.getImages(b -> b.streamARN(arn())
        .imageSelectorType(ImageSelectorType.SERVER_TIMESTAMP)
        .startTimestamp(stored.get(1).serverTimestamp())
        .endTimestamp(stored.get(1).serverTimestamp().plusSeconds(2)).samplingInterval(500)
        .format(Format.JPEG).maxResults(3L)).get(30, TimeUnit.SECONDS);
    assertThat(async.images()).hasSize(3).allSatisfy(i -> assertThat(i.imageContent())
        .isNotEmpty());
    assertThat(async.nextToken()).isNull();
    assertThatThrownBy(() -> archived.getImages(b -> b.streamName("no-retention")
        .imageSelectorType(ImageSelectorType.SERVER_TIMESTAMP).startTimestamp(start)
        .endTimestamp(start.plusSeconds(1)).format(Format.JPEG)))
        .isInstanceOf(NoDataRetentionException.class);
    assertThatThrownBy(() -> archived.getImages(b -> b.streamName(STREAM)
        .imageSelectorType(ImageSelectorType.SERVER_TIMESTAMP).startTimestamp(start)
        .endTimestamp(start.plusSeconds(1)).samplingInterval(100).format(Format.JPEG)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  static BufferedImage decode(Image image) throws java.io.IOException {
    return ImageIO.read(new ByteArrayInputStream(
        Base64.getDecoder().decode(image.imageContent())));
  }

  @Test
  void theAwsCliListsFragments() throws Exception {
    assumeTrue(AwsCli.installed(), "the AWS CLI is not installed");
    AwsCli.Result r = AwsCli.run(dataEndpoint, "AKIDARCHIVE", "--output", "json",
        "kinesis-video-archived-media", "list-fragments", "--stream-name", STREAM,
        "--fragment-selector", "FragmentSelectorType=SERVER_TIMESTAMP,TimestampRange={"
            + "StartTimestamp=" + stored.get(0).serverTimestamp().getEpochSecond()
            + ",EndTimestamp=" + Instant.now().plusSeconds(60).getEpochSecond() + "}");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = JSON.readTree(r.out());
    List<String> numbers = new ArrayList<>();
    out.get("Fragments").forEach(f -> numbers.add(f.get("FragmentNumber").asText()));
    assertThat(numbers).containsExactlyElementsOf(
        stored.stream().map(Fragment::fragmentNumber).toList());
  }
}
