package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.testkit.video.MkvSource;
import io.rivulet.testkit.video.PutMediaClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The players the playback tests use: ffmpeg/ffprobe (copy a URL to a file, count and decode its
 * frames) and hls.js in headless Chromium ({@code src/test/browser/hls-play.spec.mjs}). Stateless.
 */
final class Players {
  static final Path BROWSER_DIR = Path.of("src/test/browser");
  static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("RIVULET_CHROMIUM", "/usr/bin/chromium"));

  private Players() {}

  /** Output of a command that must succeed within a minute. */
  static String run(List<String> cmd, Map<String, String> env, Path dir)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    assertThat(ended && p.exitValue() == 0).as("%s:\n%s", String.join(" ", cmd), out).isTrue();
    return out;
  }

  /** ffmpeg reads {@code url} (HLS, DASH, a file) and copies its video into {@code out}. */
  static Path copy(String url, Path out) throws IOException, InterruptedException {
    run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", url, "-c", "copy", out.toString()),
        Map.of(), null);
    return out;
  }

  /** The number of video frames ffprobe decodes from {@code file}. */
  static int frames(Path file) throws IOException, InterruptedException {
    String out = run(List.of("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
        "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()), Map.of(), null);
    return Integer.parseInt(out.trim().split("\\s+")[0]);
  }

  /** What ffmpeg's decoder complains about while decoding every frame (empty: nothing). */
  static String decodeErrors(Path file) throws IOException, InterruptedException {
    return run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"),
        Map.of(), null).trim();
  }

  /**
   * Plays each of {@code urls} to its end with hls.js in one headless Chromium at twice the normal
   * rate; the spec fails unless each decoded at least {@code frames} frames and its screenshot (named
   * as {@code names}, in target/video-screenshots) is not blank. Skipped (assumption) without
   * Chromium or the npm packages.
   */
  static String hlsJs(List<String> urls, List<String> names, int frames)
      throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
    assumeTrue(Files.exists(BROWSER_DIR.resolve("node_modules/hls.js/package.json")),
        "hls.js is not installed (npm ci in " + BROWSER_DIR + ")");
    String out = run(List.of("node", "hls-play.spec.mjs"), Map.of("HLS_URLS", String.join(" ", urls),
        "SHOT_NAMES", String.join(" ", names), "EXPECTED_FRAMES", Integer.toString(frames),
        "PLAYBACK_RATE", "2", "CHROMIUM", CHROMIUM.toString(), "SCREENSHOT_DIR",
        Path.of("target", "video-screenshots").toAbsolutePath().toString()), BROWSER_DIR);
    System.out.print(out);
    assertThat(out).contains("no console errors");
    return out;
  }

  /**
   * Sends every cluster of {@code source} as one fragment (ABSOLUTE timecodes from {@code
   * baseMillis}) in one PutMedia session and returns the PERSISTED acks. Waits for the last
   * PERSISTED while the session is still open, then ends the body.
   */
  static List<JsonNode> upload(URI endpoint, PutMediaClient.Options options, MkvSource source,
      long baseMillis) throws IOException {
    try (PutMediaClient put = PutMediaClient.connect(endpoint, options)) {
      assertThat(put.status()).as("PutMedia").isEqualTo(200);
      put.start(source.tracks());
      long last = -1;
      for (int i = 0; i < source.clusters().size(); i++) {
        last = baseMillis + source.clusterStart(i);
        put.putFragment(last, source.clusters().get(i), Map.of());
      }
      put.awaitAck(PutMediaClient.ack("PERSISTED", last), Duration.ofSeconds(30));
      put.finish("PERSISTED", Duration.ofSeconds(30));
      return put.acks("PERSISTED");
    }
  }
}
