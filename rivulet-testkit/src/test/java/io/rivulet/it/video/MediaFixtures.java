package io.rivulet.it.video;

import java.awt.image.BufferedImage;
import io.rivulet.testkit.video.MkvSource;
import io.rivulet.video.mkv.MkvEvent;
import io.rivulet.video.mkv.MkvReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the playback integration tests share: ffmpeg-made video, ffmpeg as the PutMedia camera,
 * reading the AWS tags out of GetMedia bytes, and PSNR.
 */
final class MediaFixtures {
  static final int FPS = 25;

  private MediaFixtures() {}

  /**
   * Skips the calling test class until the server stores video fragments and serves playback
   * (the fragment store and the media endpoints are wired into RivuletServer by the control-plane
   * work; PutMedia by ingest).
   */
  static void assumePlaybackWired(io.rivulet.testkit.RivuletExtension rivulet) {
    io.rivulet.protocol.AwsRequest probe = new io.rivulet.protocol.AwsRequest("POST",
        "/getMedia", "", Map.of(), new byte[0], "probe");
    org.junit.jupiter.api.Assumptions.assumeTrue(rivulet.server().fragments() != null
        && rivulet.server().video().accepts(probe),
        "video playback is not wired into the server yet");
  }

  /** Runs a command, failing with its output when it exits non-zero; returns its output. */
  static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not end");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text);
    }
    return text;
  }

  /**
   * {@code seconds} of testsrc as Matroska (H.264 baseline, 25 fps, a keyframe and a Cluster each
   * second, so one fragment per second once put), in a directory of its own.
   */
  static Path camera(Path dir, String name, int seconds) throws IOException, InterruptedException {
    return MkvSource.ffmpeg(Files.createDirectories(dir.resolve(name)), seconds);
  }

  /**
   * Puts the file's clusters as fragments through PutMedia with the test client that behaves as
   * the KVS producer SDK does (ABSOLUTE timecodes from {@code producerStart}, END_OF_FRAGMENT tags),
   * waiting for the last PERSISTED.
   */
  static void putMedia(URI endpoint, String stream, Path mkv, Instant producerStart)
      throws IOException {
    MkvSource.read(mkv).upload(endpoint, stream, producerStart.toEpochMilli());
  }

  /** Every SimpleTag of the Tags elements in MKV bytes, in order (read by MkvReader). */
  static List<Map.Entry<String, String>> tags(byte[] b) throws IOException {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    MkvReader r = new MkvReader(new ByteArrayInputStream(b));
    MkvEvent e;
    while ((e = r.next()) != null) {
      if (e instanceof MkvEvent.Tags t) {
        for (MkvEvent.SimpleTag s : t.tags()) {
          out.add(Map.entry(s.name(), s.value()));
        }
      }
    }
    return out;
  }

  /** The values of one tag, in order. */
  static List<String> values(byte[] b, String tag) throws IOException {
    return tags(b).stream().filter(e -> e.getKey().equals(tag)).map(Map.Entry::getValue).toList();
  }

  /**
   * Reads GetMedia bytes with MkvReader until {@code chunks} chunks are whole (a chunk ends with
   * its continuation-token Tags) or the stream ends, and returns the bytes read.
   */
  static byte[] readChunks(InputStream in, int chunks) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    InputStream tee = new java.io.FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          seen.write(b);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          seen.write(buf, off, n);
        }
        return n;
      }
    };
    MkvReader r = new MkvReader(tee);
    int whole = 0;
    MkvEvent e;
    while (whole < chunks && (e = r.next()) != null) {
      if (e instanceof MkvEvent.Tags t && t.tags().stream()
          .anyMatch(s -> s.name().equals("AWS_KINESISVIDEO_CONTINUATION_TOKEN"))) {
        whole++;
      }
    }
    return seen.toByteArray();
  }

  /** ffmpeg's own decoding of frame {@code index} of a video file. */
  static BufferedImage frame(Path dir, Path video, int index) throws Exception {
    Path png = dir.resolve(video.getFileName() + "-frame-" + index + ".png");
    run(dir, "ffmpeg", "-nostdin", "-v", "error", "-i", video.toString(), "-vf",
        "select=eq(n\\," + index + ")", "-frames:v", "1", "-y", png.toString());
    return javax.imageio.ImageIO.read(png.toFile());
  }

  /** Frames ffprobe decodes in a file (every frame read and decoded). */
  static int decodedFrames(Path dir, Path file) throws IOException, InterruptedException {
    String out = run(dir, "ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map",
        "0:v:0", "-fps_mode", "passthrough", "-f", "framemd5", "-");
    return (int) out.lines().filter(l -> l.matches("^\\d+,.*")).count();
  }

  /** PSNR in dB between two same-sized pictures over R, G and B. */
  static double psnr(BufferedImage a, BufferedImage b) {
    double sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int s = 0; s <= 16; s += 8) {
          int d = ((p >> s) & 0xFF) - ((q >> s) & 0xFF);
          sum += d * d;
        }
      }
    }
    double mse = sum / (3.0 * a.getWidth() * a.getHeight());
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  /** Waits until the stream lists {@code count} fragments, giving what it listed. */
  static <T> List<T> await(java.util.function.Supplier<List<T>> list, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<T> got = list.get();
    while (got.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
      got = list.get();
    }
    return got;
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
