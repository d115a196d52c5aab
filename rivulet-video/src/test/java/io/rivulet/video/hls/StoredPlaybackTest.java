package io.rivulet.video.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.log.FsyncPolicy;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.mkv.Matroska;
import io.rivulet.video.mkv.MkvEvent;
import io.rivulet.video.mkv.MkvReader;
import io.rivulet.video.mp4.FfmpegVideo;
import io.rivulet.video.store.FileFragmentStore;
import io.rivulet.video.store.WritableFragmentStore.NewFragment;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playback over the durable FileFragmentStore filled the way ingest fills it: an ffmpeg Matroska
 * file read by the incremental MkvReader, one fragment per Cluster (ffmpeg's own timecodes and
 * CRC-32 elements). ffmpeg plays the HLS fMP4 and TS sessions and the clip, every frame.
 */
class StoredPlaybackTest {
  static final String ARN = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/stored/1";
  static final long START = 1_795_636_200_000L;

  @TempDir Path dir;

  @Test
  void ffmpegMatroskaThroughTheFileStorePlaysEveryFrame() throws Exception {
    Path mkv = dir.resolve("cam.mkv");
    FfmpegVideo.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
        "testsrc=size=320x240:rate=25", "-t", "4", "-c:v", "libx264", "-profile:v", "baseline",
        "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-f",
        "matroska", "-cluster_time_limit", "1000", mkv.toString()));
    Clock clock = Clock.systemUTC();
    try (FileFragmentStore store = FileFragmentStore.open(dir.resolve("store"), FsyncPolicy.group(),
        clock, FileFragmentStore.Config.defaults(), arn -> OptionalInt.of(24))) {
      assertEquals(4, ingest(store, mkv, clock));
      VideoStreamCatalog catalog = (account, region, name, arn) -> Optional.of(
          new VideoStreamCatalog.Stream(ARN, "stored", account, region, "ACTIVE", 24, "video/h264",
              null, Instant.EPOCH));
      try (PlaybackServer server = new PlaybackServer(catalog, store, clock)) {
        String range = "{\"FragmentSelectorType\":\"PRODUCER_TIMESTAMP\",\"TimestampRange\":"
            + "{\"StartTimestamp\":" + START / 1000 + ",\"EndTimestamp\":" + (START / 1000 + 60) + "}}";
        for (String container : List.of("FRAGMENTED_MP4", "MPEG_TS")) {
          String url = sessionUrl(server, "/getHLSStreamingSessionURL", "{\"StreamName\":\"stored\","
              + "\"PlaybackMode\":\"ON_DEMAND\",\"ContainerFormat\":\"" + container
              + "\",\"HLSFragmentSelector\":" + range + "}");
          Path out = dir.resolve("play-" + container + (container.equals("MPEG_TS") ? ".ts" : ".mp4"));
          FfmpegVideo.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", url, "-c", "copy",
              out.toString()));
          assertEquals(100, FfmpegVideo.decodedFrames(out), container);
          assertEquals("", FfmpegVideo.decodeErrors(out), container);
        }
        HttpResponse<byte[]> clip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(server.base() + "/getClip")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"StreamName\":\"stored\",\"ClipFragmentSelector\":" + range + "}")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, clip.statusCode());
        Path file = Files.write(dir.resolve("clip.mp4"), clip.body());
        assertEquals(100, FfmpegVideo.decodedFrames(file));
      }
    }
  }

  /** Appends each Cluster of the file as a fragment, as PutMedia does; returns how many. */
  static int ingest(FileFragmentStore store, Path mkv, Clock clock) throws Exception {
    int fragments = 0;
    long header = -1;
    long timecode = 0;
    List<byte[]> children = new ArrayList<>();
    try (InputStream in = Files.newInputStream(mkv)) {
      MkvReader reader = new MkvReader(in);
      long scale = 1_000_000;
      for (MkvEvent e; (e = reader.next()) != null; ) {
        if (e instanceof MkvEvent.Info info) {
          scale = info.timecodeScaleNanos();
        } else if (e instanceof MkvEvent.Tracks tracks) {
          header = store.header(ARN, scale, tracks.tracks());
        } else if (e instanceof MkvEvent.ClusterTimecode tc) {
          timecode = tc.timecode();
          children.clear();
        } else if (e instanceof MkvEvent.BlockEvent block) {
          children.add(block.element());
        } else if (e instanceof MkvEvent.ClusterEnd) {
          store.append(ARN, store.reserve(ARN, clock.instant()),
              new NewFragment(Instant.ofEpochMilli(START + timecode), clock.instant(),
              1000, header, List.of(), Matroska.cluster(timecode, children)), 24);
          fragments++;
        }
      }
    }
    return fragments;
  }

  static String sessionUrl(PlaybackServer server, String path, String json) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(server.base() + path)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    String body = r.body();
    int at = body.indexOf("http://");
    assertTrue(at > 0, body);
    return body.substring(at, body.indexOf('"', at));
  }
}
