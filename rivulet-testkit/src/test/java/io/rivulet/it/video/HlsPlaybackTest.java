package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.testkit.AwsCli;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.video.MkvSource;
import io.rivulet.testkit.video.PutMediaClient;
import io.rivulet.video.store.FragmentStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ClipFragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ContainerFormat;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.DASHPlaybackMode;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.GetClipResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.HLSFragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.HLSPlaybackMode;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.NoDataRetentionException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

/**
 * HLS, DASH and GetClip on the real server with ffmpeg-made H.264 ingested through PutMedia by
 * the test producer (PutMediaClient, as the KVS producer SDK sends it): session URLs and clips through the SDK v2
 * KinesisVideoArchivedMediaClient and the AWS CLI; ffmpeg plays HLS (fMP4 and MPEG-TS) and DASH
 * and every frame decodes; ffprobe decodes the clip; hls.js in headless Chromium plays the HLS
 * URL to its end.
 */
class HlsPlaybackTest {
  static final String STREAM = "hls-cam";
  static final int SECONDS = 4;
  static final int FRAMES = SECONDS * 25;

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  @TempDir static Path dir;
  static KinesisVideoClient kvs;
  static KinesisVideoArchivedMediaClient archived;
  static Instant producerStart;

  @BeforeAll
  static void ingest() throws Exception {
    kvs = Clients.kinesisVideo(rivulet.endpoint());
    archived = Clients.kinesisVideoArchivedMedia(rivulet.endpoint());
    String arn = kvs.createStream(b -> b.streamName(STREAM).mediaType("video/h264")
        .dataRetentionInHours(1)).streamARN();
    kvs.createStream(b -> b.streamName("hls-no-retention").dataRetentionInHours(0));
    producerStart = Instant.ofEpochSecond(Instant.now().getEpochSecond() - 30);
    MkvSource source = MkvSource.read(MkvSource.ffmpeg(dir, SECONDS));
    List<JsonNode> persisted = Players.upload(rivulet.endpoint(),
        PutMediaClient.Options.absolute(STREAM), source, producerStart.toEpochMilli());
    assertThat(persisted).hasSize(SECONDS);
    assertThat(rivulet.server().fragments().list(arn, FragmentStore.TimestampKind.PRODUCER_TIMESTAMP,
        null, null, null, 100)).hasSize(SECONDS);
  }

  @AfterAll
  static void close() {
    kvs.close();
    archived.close();
  }

  static String onDemandHls(ContainerFormat container) {
    return archived.getHLSStreamingSessionURL(b -> b.streamName(STREAM)
        .playbackMode(HLSPlaybackMode.ON_DEMAND).containerFormat(container)
        .hlsFragmentSelector(s -> s.fragmentSelectorType(HLSFragmentSelectorType.PRODUCER_TIMESTAMP)
            .timestampRange(r -> r.startTimestamp(producerStart.minusSeconds(1))
                .endTimestamp(producerStart.plusSeconds(60)))))
        .hlsStreamingSessionURL();
  }

  @Test
  void hlsFragmentedMp4PlaysEveryFrameInFfmpeg() throws Exception {
    String url = onDemandHls(ContainerFormat.FRAGMENTED_MP4);
    assertThat(url).startsWith(rivulet.endpoint() + "/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=");
    Path out = Players.copy(url, dir.resolve("hls.mp4"));
    assertThat(Players.frames(out)).isEqualTo(FRAMES);
    assertThat(Players.decodeErrors(out)).isEmpty();
  }

  @Test
  void hlsTransportStreamPlaysEveryFrameInFfmpeg() throws Exception {
    Path out = Players.copy(onDemandHls(ContainerFormat.MPEG_TS), dir.resolve("hls.ts"));
    assertThat(Players.frames(out)).isEqualTo(FRAMES);
    assertThat(Players.decodeErrors(out)).isEmpty();
  }

  @Test
  void hlsJsInChromiumPlaysToTheEnd() throws Exception {
    String out = Players.hlsJs(List.of(onDemandHls(ContainerFormat.FRAGMENTED_MP4),
        onDemandHls(ContainerFormat.MPEG_TS)), List.of("hls-fmp4", "hls-ts"), FRAMES);
    assertThat(out).contains("hls-fmp4 played").contains("hls-ts played").contains("ok: 6 steps");
  }

  @Test
  void dashManifestPlaysEveryFrameInFfmpeg() throws Exception {
    String url = archived.getDASHStreamingSessionURL(b -> b.streamName(STREAM)
        .playbackMode(DASHPlaybackMode.ON_DEMAND)
        .dashFragmentSelector(s -> s.fragmentSelectorType("PRODUCER_TIMESTAMP")
            .timestampRange(r -> r.startTimestamp(producerStart.minusSeconds(1))
                .endTimestamp(producerStart.plusSeconds(60)))))
        .dashStreamingSessionURL();
    assertThat(url).startsWith(rivulet.endpoint() + "/dash/v1/getDASHManifest.mpd?SessionToken=");
    Path out = Players.copy(url, dir.resolve("dash.mp4"));
    assertThat(Players.frames(out)).isEqualTo(FRAMES);
  }

  @Test
  void getClipIsAnMp4EveryFrameDecodes() throws Exception {
    byte[] clip;
    String type;
    try (ResponseInputStream<GetClipResponse> in = archived.getClip(b -> b.streamName(STREAM)
        .clipFragmentSelector(s -> s.fragmentSelectorType(ClipFragmentSelectorType.PRODUCER_TIMESTAMP)
            .timestampRange(r -> r.startTimestamp(producerStart.minusSeconds(1))
                .endTimestamp(producerStart.plusSeconds(60)))))) {
      clip = in.readAllBytes();
      type = in.response().contentType();
    }
    assertThat(type).isEqualTo("video/mp4");
    Path file = Files.write(dir.resolve("clip.mp4"), clip);
    assertThat(Players.frames(file)).isEqualTo(FRAMES);
    assertThat(Players.decodeErrors(file)).isEmpty();
  }

  @Test
  void awsCliGetsAnHlsUrlAndAClip() throws Exception {
    String range = String.format(Locale.ROOT,
        "FragmentSelectorType=PRODUCER_TIMESTAMP,TimestampRange={StartTimestamp=%d,EndTimestamp=%d}",
        producerStart.getEpochSecond() - 1, producerStart.getEpochSecond() + 60);
    AwsCli.Result hls = AwsCli.run(rivulet.endpoint(), Clients.ACCESS_KEY, "kinesis-video-archived-media",
        "get-hls-streaming-session-url", "--stream-name", STREAM, "--playback-mode", "ON_DEMAND",
        "--hls-fragment-selector", range, "--output", "text");
    assertThat(hls.exit()).as(hls.err()).isZero();
    Path out = Players.copy(hls.out().trim(), dir.resolve("cli-hls.mp4"));
    assertThat(Players.frames(out)).isEqualTo(FRAMES);
    Path clip = dir.resolve("cli-clip.mp4");
    AwsCli.Result get = AwsCli.run(rivulet.endpoint(), Clients.ACCESS_KEY, "kinesis-video-archived-media",
        "get-clip", "--stream-name", STREAM, "--clip-fragment-selector", range, clip.toString());
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.out()).contains("video/mp4");
    assertThat(Players.frames(clip)).isEqualTo(FRAMES);
  }

  @Test
  void liveSessionListsTheNewestFragmentsWithoutEnd() throws Exception {
    String url = archived.getHLSStreamingSessionURL(b -> b.streamName(STREAM)
        .playbackMode(HLSPlaybackMode.LIVE).maxMediaPlaylistFragmentResults(3L)).hlsStreamingSessionURL();
    String token = url.substring(url.indexOf("SessionToken=") + "SessionToken=".length());
    HttpResponse<String> playlist = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        rivulet.endpoint() + "/hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=" + token + "&TrackNumber=1"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(playlist.statusCode()).isEqualTo(200);
    assertThat(playlist.body()).startsWith("#EXTM3U\n").contains("#EXT-X-MEDIA-SEQUENCE:0")
        .doesNotContain("#EXT-X-ENDLIST").doesNotContain("#EXT-X-PLAYLIST-TYPE");
    assertThat(playlist.body().split("#EXTINF:", -1)).hasSize(4);
  }

  @Test
  void errorsAsAws() {
    assertThatThrownBy(() -> archived.getHLSStreamingSessionURL(b -> b.streamName("no-such-stream")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> archived.getHLSStreamingSessionURL(b -> b.streamName("hls-no-retention")))
        .isInstanceOf(NoDataRetentionException.class);
    assertThatThrownBy(() -> archived.getHLSStreamingSessionURL(b -> b.streamName(STREAM)
        .playbackMode(HLSPlaybackMode.LIVE).hlsFragmentSelector(s -> s
            .fragmentSelectorType(HLSFragmentSelectorType.SERVER_TIMESTAMP)
            .timestampRange(r -> r.startTimestamp(producerStart)))))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> archived.getClip(b -> b.streamName(STREAM)
        .clipFragmentSelector(s -> s.fragmentSelectorType(ClipFragmentSelectorType.PRODUCER_TIMESTAMP)
            .timestampRange(r -> r.startTimestamp(Instant.ofEpochSecond(1))
                .endTimestamp(Instant.ofEpochSecond(2))))))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
