package io.rivulet.video.hls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.mp4.FfmpegVideo;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.StreamHeader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HLS, DASH and GetClip endpoints over an in-memory store of real libx264 fragments, played
 * by ffmpeg/ffprobe through HTTP: every frame decodes; playlist tags and errors as AWS's.
 */
class PlaybackTest {
  static final long PRODUCER_START = 1_795_636_200_000L;
  static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");
  static final String ARN = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/cam/1795636000000";
  static final String NO_RETENTION = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/noret/1";
  static final String PREFIX = "9134385233318143239268206260774392014615916";

  @TempDir static Path dir;
  static MemoryStore store = new MemoryStore();
  static PlaybackServer.MutableClock clock = new PlaybackServer.MutableClock(NOW);
  static PlaybackServer server;
  static FfmpegVideo video;
  static HttpClient http = HttpClient.newHttpClient();
  static int next;

  @BeforeAll
  static void start() throws Exception {
    video = FfmpegVideo.make(dir, 160, 120, 6, 25, 0, 0);
    for (int k = 0; k < 6; k++) {
      add(k);
    }
    VideoStreamCatalog catalog = (account, region, name, arn) -> {
      String n = name != null ? name : arn.split("/")[1];
      if (n.equals("cam")) {
        return Optional.of(stream(ARN, "cam", 24));
      }
      return n.equals("noret") ? Optional.of(stream(NO_RETENTION, "noret", 0)) : Optional.empty();
    };
    server = new PlaybackServer(catalog, store, clock);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static VideoStreamCatalog.Stream stream(String arn, String name, int retention) {
    return new VideoStreamCatalog.Stream(arn, name, "000000000000", "us-east-1", "ACTIVE",
        retention, "video/h264", null, NOW.minusSeconds(3600));
  }

  /** Stores second {@code k} of the video as the next fragment, k seconds after the first. */
  static FragmentInfo add(int k) {
    List<Frame> frames = new ArrayList<>(video.slice(k * 25, k * 25 + 25));
    long size = frames.stream().mapToLong(f -> f.data().length).sum();
    int n = next++;
    FragmentInfo info = new FragmentInfo(ARN, PREFIX + String.format("%04d", n),
        Instant.ofEpochMilli(PRODUCER_START + n * 1000L), NOW.minusSeconds(6 - n), 1000, size, 1);
    store.add(new Fragment(info, new StreamHeader(1, 1_000_000, List.of(video.track)), frames,
        List.of(), new byte[0]));
    return info;
  }

  static HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.base() + path))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  static String sessionUrl(String path, String member, String json) throws Exception {
    HttpResponse<String> r = post(path, json);
    assertEquals(200, r.statusCode(), r.body());
    Matcher m = Pattern.compile("\"" + member + "\":\"([^\"]+)\"").matcher(r.body());
    assertTrue(m.find(), r.body());
    return m.group(1);
  }

  static String onDemand(String container) {
    return "{\"StreamName\":\"cam\",\"PlaybackMode\":\"ON_DEMAND\",\"ContainerFormat\":\"" + container
        + "\",\"HLSFragmentSelector\":{\"FragmentSelectorType\":\"PRODUCER_TIMESTAMP\",\"TimestampRange\":"
        + "{\"StartTimestamp\":" + PRODUCER_START / 1000 + ",\"EndTimestamp\":" + (PRODUCER_START / 1000 + 5)
        + "}},\"DisplayFragmentTimestamp\":\"ALWAYS\"}";
  }

  @Test
  void hlsFragmentedMp4OnDemandPlaysEveryFrame() throws Exception {
    String url = sessionUrl("/getHLSStreamingSessionURL", "HLSStreamingSessionURL", onDemand("FRAGMENTED_MP4"));
    assertTrue(url.startsWith(server.base() + "/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken="), url);
    String master = get(url);
    assertTrue(master.matches("(?s).*CODECS=\"avc1\\.42[0-9a-f]{4}\".*"), master);
    assertTrue(master.contains("RESOLUTION=160x120"), master);
    String token = url.substring(url.indexOf("SessionToken=") + 13);
    String media = get(server.base() + "/hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=" + token + "&TrackNumber=1");
    assertTrue(media.contains("#EXT-X-PLAYLIST-TYPE:VOD\n"), media);
    assertTrue(media.endsWith("#EXT-X-ENDLIST\n"), media);
    assertTrue(media.contains("#EXT-X-MAP:URI=\"getMP4InitFragment.mp4?SessionToken="), media);
    assertTrue(media.contains("#EXT-X-PROGRAM-DATE-TIME:2026-11-25T"), media);
    assertFalse(media.contains("#EXT-X-DISCONTINUITY"), media);
    assertEquals(6, count(media, "#EXTINF:1.000,"));
    Path out = dir.resolve("hls.mp4");
    FfmpegVideo.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", url, "-c", "copy", out.toString()));
    assertEquals(150, FfmpegVideo.decodedFrames(out));
    assertEquals("", FfmpegVideo.decodeErrors(out));
  }

  @Test
  void hlsTransportStreamOnDemandPlaysEveryFrame() throws Exception {
    String url = sessionUrl("/getHLSStreamingSessionURL", "HLSStreamingSessionURL", onDemand("MPEG_TS"));
    String token = url.substring(url.indexOf("SessionToken=") + 13);
    String media = get(server.base() + "/hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=" + token);
    assertTrue(media.contains("getTSFragment.ts?FragmentNumber=" + PREFIX + "0000&SessionToken="), media);
    assertFalse(media.contains("EXT-X-MAP"), media);
    Path out = dir.resolve("hls.ts");
    FfmpegVideo.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", url, "-c", "copy", out.toString()));
    assertEquals(150, FfmpegVideo.decodedFrames(out));
    assertEquals("", FfmpegVideo.decodeErrors(out));
  }

  @Test
  void dashOnDemandPlaysEveryFrame() throws Exception {
    String json = onDemand("FRAGMENTED_MP4").replace("HLSFragmentSelector", "DASHFragmentSelector")
        .replace(",\"ContainerFormat\":\"FRAGMENTED_MP4\"", "")
        .replace("\"DisplayFragmentTimestamp\":\"ALWAYS\"", "\"DisplayFragmentNumber\":\"ALWAYS\"");
    String url = sessionUrl("/getDASHStreamingSessionURL", "DASHStreamingSessionURL", json);
    assertTrue(url.startsWith(server.base() + "/dash/v1/getDASHManifest.mpd?SessionToken="), url);
    String mpd = get(url);
    assertTrue(mpd.contains("type=\"static\""), mpd);
    assertTrue(mpd.contains("kvs:fn=\"" + PREFIX + "0005\""), mpd);
    Path out = dir.resolve("dash.mp4");
    FfmpegVideo.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", url, "-c", "copy", out.toString()));
    assertEquals(150, FfmpegVideo.decodedFrames(out));
  }

  @Test
  void getClipIsAPlainMp4WithEveryFrame() throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.base() + "/getClip"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"StreamName\":\"cam\",\"ClipFragmentSelector\":"
            + "{\"FragmentSelectorType\":\"PRODUCER_TIMESTAMP\",\"TimestampRange\":{\"StartTimestamp\":"
            + PRODUCER_START / 1000 + ",\"EndTimestamp\":" + (PRODUCER_START / 1000 + 2.5) + "}}}")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), new String(r.body()));
    assertEquals("video/mp4", r.headers().firstValue("Content-Type").orElseThrow());
    Path clip = Files.write(dir.resolve("clip.mp4"), r.body());
    assertEquals(75, FfmpegVideo.decodedFrames(clip));
    assertEquals("", FfmpegVideo.decodeErrors(clip));
  }

  static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }

  static void assertError(HttpResponse<String> r, int status, String type) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(type + ":", r.headers().firstValue("x-amzn-ErrorType").orElse(""), r.body());
  }

  @Test
  void errorsAsAws() throws Exception {
    assertError(post("/getHLSStreamingSessionURL", "{\"StreamName\":\"nope\"}"), 404, "ResourceNotFoundException");
    assertError(post("/getHLSStreamingSessionURL", "{\"StreamName\":\"noret\"}"), 400, "NoDataRetentionException");
    assertError(post("/getHLSStreamingSessionURL", "{}"), 400, "InvalidArgumentException");
    HttpResponse<String> expires = post("/getHLSStreamingSessionURL", "{\"StreamName\":\"cam\",\"Expires\":100}");
    assertError(expires, 400, "InvalidArgumentException");
    assertTrue(expires.body().contains("1 validation error detected: Value '100' at 'expires' failed to satisfy"
        + " constraint: Member must have value greater than or equal to 300"), expires.body());
    assertError(post("/getHLSStreamingSessionURL", "{\"StreamName\":\"cam\",\"HLSFragmentSelector\":"
        + "{\"TimestampRange\":{\"StartTimestamp\":1}}}"), 400, "InvalidArgumentException");
    assertError(post("/getHLSStreamingSessionURL", "{\"StreamName\":\"cam\",\"PlaybackMode\":\"ON_DEMAND\"}"),
        400, "InvalidArgumentException");
    assertError(post("/getClip", "{\"StreamName\":\"cam\",\"ClipFragmentSelector\":{\"FragmentSelectorType\":"
        + "\"PRODUCER_TIMESTAMP\",\"TimestampRange\":{\"StartTimestamp\":1,\"EndTimestamp\":2}}}"),
        404, "ResourceNotFoundException");
    String url = sessionUrl("/getHLSStreamingSessionURL", "HLSStreamingSessionURL", onDemand("FRAGMENTED_MP4"));
    String token = url.substring(url.indexOf("SessionToken=") + 13);
    String tampered = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
    assertError(getResponse(server.base() + "/hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=" + tampered),
        401, "NotAuthorizedException");
    assertError(getResponse(server.base() + "/dash/v1/getDASHManifest.mpd?SessionToken=" + token),
        401, "NotAuthorizedException");
    clock.now = NOW.plusSeconds(301);
    try {
      HttpResponse<String> r = getResponse(url);
      assertError(r, 401, "NotAuthorizedException");
      assertTrue(r.body().contains("expired"), r.body());
    } finally {
      clock.now = NOW;
    }
  }

  static HttpResponse<String> getResponse(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void livePlaylistSlidesAndShowsANewFragmentAtOnce() throws Exception {
    String url = sessionUrl("/getHLSStreamingSessionURL", "HLSStreamingSessionURL",
        "{\"StreamName\":\"cam\",\"MaxMediaPlaylistFragmentResults\":3}");
    String token = url.substring(url.indexOf("SessionToken=") + 13);
    String playlist = server.base() + "/hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=" + token;
    String first = get(playlist);
    assertFalse(first.contains("ENDLIST"), first);
    assertFalse(first.contains("PLAYLIST-TYPE"), first);
    assertEquals(3, count(first, "#EXTINF"));
    assertEquals(3, count(first, "#EXT-X-DISCONTINUITY\n"), first);
    assertTrue(first.contains("#EXT-X-MEDIA-SEQUENCE:0\n"), first);
    synchronized (PlaybackTest.class) {
      clock.now = NOW.plusSeconds(1);
      FragmentInfo added = add(next % 6);
      String second = get(playlist);
      assertTrue(second.contains("#EXT-X-MEDIA-SEQUENCE:1\n"), second);
      assertTrue(second.contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n"), second);
      assertTrue(second.contains("FragmentNumber=" + added.fragmentNumber() + "&"), second);
      clock.now = NOW;
    }
  }

  @Test
  void liveReplayReleasesFragmentsAsTimePassesAndEnds() throws Exception {
    synchronized (PlaybackTest.class) {
      String url = sessionUrl("/getHLSStreamingSessionURL", "HLSStreamingSessionURL",
          "{\"StreamName\":\"cam\",\"PlaybackMode\":\"LIVE_REPLAY\",\"DiscontinuityMode\":"
          + "\"ON_DISCONTINUITY\",\"HLSFragmentSelector\":{\"FragmentSelectorType\":\"PRODUCER_TIMESTAMP\","
          + "\"TimestampRange\":{\"StartTimestamp\":" + PRODUCER_START / 1000 + ",\"EndTimestamp\":"
          + (PRODUCER_START / 1000 + 3) + "}}}");
      String token = url.substring(url.indexOf("SessionToken=") + 13);
      String playlist = server.base() + "/hls/v1/getHLSMediaPlaylist.m3u8?SessionToken=" + token;
      String atStart = get(playlist);
      assertEquals(1, count(atStart, "#EXTINF"), atStart);
      assertFalse(atStart.contains("ENDLIST"), atStart);
      clock.now = NOW.plusMillis(2500);
      String later = get(playlist);
      assertEquals(3, count(later, "#EXTINF"), later);
      assertFalse(later.contains("#EXT-X-DISCONTINUITY"), later);
      clock.now = NOW.plusSeconds(10);
      String done = get(playlist);
      assertEquals(4, count(done, "#EXTINF"), done);
      assertTrue(done.endsWith("#EXT-X-ENDLIST\n"), done);
      clock.now = NOW;
    }
  }
}
