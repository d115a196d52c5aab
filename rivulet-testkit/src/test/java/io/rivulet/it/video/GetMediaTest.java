package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rivulet.testkit.AwsCli;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.video.images.FfmpegFrameDecoder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaAsyncClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.model.GetMediaResponse;
import software.amazon.awssdk.services.kinesisvideomedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideomedia.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideomedia.model.StartSelectorType;

/**
 * GetMedia through the AWS SDK v2 KinesisVideoMediaClient (sync and async) and the AWS CLI, over
 * fragments ffmpeg put as a camera: every StartSelector, the live tail, errors, and the output
 * read by mkvinfo and ffprobe.
 */
class GetMediaTest {
  static final String STREAM = "media-cam";
  static final String TOKEN = "AWS_KINESISVIDEO_CONTINUATION_TOKEN";
  static final String NUMBER = "AWS_KINESISVIDEO_FRAGMENT_NUMBER";

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  @TempDir static Path dir;
  static KinesisVideoClient control;
  static KinesisVideoMediaClient media;
  static KinesisVideoMediaAsyncClient mediaAsync;
  static KinesisVideoArchivedMediaClient archived;
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
    dataEndpoint = URI.create(control.getDataEndpoint(b -> b.streamName(STREAM)
        .apiName(APIName.GET_MEDIA)).dataEndpoint());
    media = Clients.kinesisVideoMedia(dataEndpoint);
    mediaAsync = Clients.kinesisVideoMediaAsync(dataEndpoint);
    archived = Clients.kinesisVideoArchivedMedia(dataEndpoint);
    camera = MediaFixtures.camera(dir, "camera", 3);
    MediaFixtures.putMedia(rivulet.endpoint(), STREAM, camera,
        Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS));
    stored = MediaFixtures.await(() -> archived.listFragments(b -> b.streamName(STREAM))
        .fragments(), 3);
    assertThat(stored).hasSize(3);
  }

  @AfterAll
  static void close() {
    if (control != null) {
      control.close();
      media.close();
      mediaAsync.close();
      archived.close();
    }
  }

  static String number(int i) {
    return stored.get(i).fragmentNumber();
  }

  /** The fragment numbers of the first {@code chunks} chunks of a sync GetMedia. */
  static List<String> first(int chunks,
      java.util.function.Consumer<software.amazon.awssdk.services.kinesisvideomedia.model
          .StartSelector.Builder> selector) throws Exception {
    try (ResponseInputStream<GetMediaResponse> in = media.getMedia(b -> b.streamName(STREAM)
        .startSelector(selector))) {
      assertThat(in.response().contentType()).isEqualTo("video/webm");
      byte[] bytes = MediaFixtures.readChunks(in, chunks);
      in.abort();
      return MediaFixtures.values(bytes, NUMBER).subList(0, chunks);
    }
  }

  @Test
  void earliestIsReadByMkvinfoAndEveryFrameDecodes() throws Exception {
    byte[] all;
    try (ResponseInputStream<GetMediaResponse> in = media.getMedia(b -> b.streamName(STREAM)
        .startSelector(s -> s.startSelectorType(StartSelectorType.EARLIEST)))) {
      all = in.readAllBytes(); // the response ends once no new fragment came for a while
    }
    assertThat(MediaFixtures.values(all, NUMBER))
        .containsExactly(number(0), number(1), number(2));
    assertThat(MediaFixtures.values(all, TOKEN)).containsExactly(number(0), number(1), number(2));
    assertThat(MediaFixtures.values(all, "AWS_KINESISVIDEO_SERVER_TIMESTAMP")).hasSize(3)
        .allMatch(v -> v.matches("\\d{10}\\.\\d{3}"));
    Path out = MediaFixtures.write(dir, "earliest.mkv", all);
    assertThat(MediaFixtures.decodedFrames(dir, out)).isEqualTo(3 * MediaFixtures.FPS);
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkvinfo")), "mkvinfo is not installed");
    // a chunk's Segment has an unknown size, so mkvinfo meets the next chunk's EBML header inside
    // it: it warns and resyncs (exit 1), as it does on AWS's GetMedia output
    Process p = new ProcessBuilder("mkvinfo", "-v", out.toString()).redirectErrorStream(true)
        .start();
    String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(info).contains("Segment: size unknown", "Codec ID: V_MPEG4/ISO/AVC",
        "Name: AWS_KINESISVIDEO_FRAGMENT_NUMBER", "Name: AWS_KINESISVIDEO_MILLIS_BEHIND_NOW",
        "Simple block: key");
    assertThat(info.split("\\+ Cluster\\n", -1)).hasSize(4);
    assertThat(info.split("Resyncing successful", -1).length)
        .isEqualTo(info.split("Error in the Matroska file structure", -1).length).isEqualTo(3);
  }

  @Test
  void eachStartSelector() throws Exception {
    assertThat(first(2, s -> s.startSelectorType(StartSelectorType.FRAGMENT_NUMBER)
        .afterFragmentNumber(number(0)))).containsExactly(number(1), number(2));
    assertThat(first(1, s -> s.startSelectorType(StartSelectorType.CONTINUATION_TOKEN)
        .continuationToken(number(1)))).containsExactly(number(2));
    // the first fragment, in fragment-number order, holding the instant or starting after it
    // (fragments put faster than real time overlap in server time)
    Instant server = stored.get(2).serverTimestamp();
    int from = 0;
    while (stored.get(from).serverTimestamp()
        .plusMillis(stored.get(from).fragmentLengthInMilliseconds()).compareTo(server) <= 0) {
      from++;
    }
    assertThat(first(3 - from, s -> s.startSelectorType(StartSelectorType.SERVER_TIMESTAMP)
        .startTimestamp(server))).containsExactlyElementsOf(stored.subList(from, 3).stream()
        .map(Fragment::fragmentNumber).toList());
    assertThat(first(1, s -> s.startSelectorType(StartSelectorType.PRODUCER_TIMESTAMP)
        .startTimestamp(stored.get(2).producerTimestamp().plusMillis(500))))
        .containsExactly(number(2));
    assertThat(first(3, s -> s.startSelectorType(StartSelectorType.EARLIEST)))
        .containsExactly(number(0), number(1), number(2));
  }

  @Test
  void nowTailsFragmentsPutAfterTheCallStarted() throws Exception {
    String live = "media-live";
    control.createStream(b -> b.streamName(live).dataRetentionInHours(24));
    MediaFixtures.putMedia(rivulet.endpoint(), live, camera, Instant.now().minusSeconds(30));
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    CompletableFuture<Void> ended = new CompletableFuture<>();
    ResponsePublisher<GetMediaResponse> publisher = mediaAsync.getMedia(b -> b.streamName(live)
        .startSelector(s -> s.startSelectorType(StartSelectorType.NOW)),
        AsyncResponseTransformer.toPublisher()).get(30, TimeUnit.SECONDS);
    assertThat(publisher.response().contentType()).isEqualTo("video/webm");
    publisher.subscribe(new Subscriber<ByteBuffer>() {
      @Override
      public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        synchronized (received) {
          received.writeBytes(bytes);
        }
      }

      @Override
      public void onError(Throwable t) {
        ended.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        ended.complete(null);
      }
    });
    Path more = MediaFixtures.camera(dir, "more", 2);
    MediaFixtures.putMedia(rivulet.endpoint(), live, more, Instant.now().minusSeconds(5));
    ended.get(30, TimeUnit.SECONDS);
    byte[] bytes;
    synchronized (received) {
      bytes = received.toByteArray();
    }
    List<String> tail = MediaFixtures.values(bytes, NUMBER);
    assertThat(tail).hasSize(2);
    assertThat(archived.listFragments(b -> b.streamName(live)).fragments())
        .extracting(Fragment::fragmentNumber).hasSize(5).endsWith(tail.toArray(String[]::new));
    assertThat(MediaFixtures.decodedFrames(dir, MediaFixtures.write(dir, "live.mkv", bytes)))
        .isEqualTo(2 * MediaFixtures.FPS);
  }

  @Test
  void errors() {
    assertThatThrownBy(() -> media.getMedia(b -> b.streamName("no-such-stream")
        .startSelector(s -> s.startSelectorType(StartSelectorType.NOW))).close())
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> media.getMedia(b -> b.streamName(STREAM)
        .startSelector(s -> s.startSelectorType(StartSelectorType.FRAGMENT_NUMBER))).close())
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("AfterFragmentNumber");
  }

  @Test
  void theAwsCliWritesWhatFfprobeDecodes() throws Exception {
    assumeTrue(AwsCli.installed(), "the AWS CLI is not installed");
    Path out = dir.resolve("cli.mkv");
    AwsCli.Result r = AwsCli.run(dataEndpoint, "AKIDMEDIA", "kinesis-video-media", "get-media",
        "--stream-name", STREAM, "--start-selector", "StartSelectorType=EARLIEST",
        out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("video/webm");
    byte[] bytes = Files.readAllBytes(out);
    assertThat(MediaFixtures.values(bytes, NUMBER)).containsExactly(number(0), number(1),
        number(2));
    assertThat(MediaFixtures.decodedFrames(dir, out)).isEqualTo(3 * MediaFixtures.FPS);
  }
}
