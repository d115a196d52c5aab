package io.rivulet.it.video;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
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

  static boolean installed(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "-version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
   * {@code seconds} of testsrc as Matroska: H.264 baseline, 25 fps, a keyframe and a Cluster each
   * second (so one fragment per second once put).
   */
  static Path camera(Path dir, String name, int seconds) throws IOException, InterruptedException {
    Path out = dir.resolve(name + ".mkv");
    run(dir, "ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
        "testsrc=size=320x240:rate=" + FPS, "-t", Integer.toString(seconds), "-c:v", "libx264",
        "-profile:v", "baseline", "-preset", "veryfast", "-g", Integer.toString(FPS),
        "-keyint_min", Integer.toString(FPS), "-sc_threshold", "0", "-pix_fmt", "yuv420p",
        "-f", "matroska", "-cluster_time_limit", "1000", "-y", out.toString());
    return out;
  }

  /**
   * ffmpeg as the camera: POSTs the file to PutMedia as a live chunked Matroska upload with
   * RELATIVE timecodes from {@code producerStart}, as the KVS notes' camera command does.
   */
  static void putMedia(Path dir, URI endpoint, String stream, Path mkv, Instant producerStart)
      throws IOException, InterruptedException {
    String headers = "x-amzn-stream-name: " + stream + "\r\n"
        + "x-amzn-fragment-timecode-type: RELATIVE\r\n"
        + "x-amzn-producer-start-timestamp: " + seconds(producerStart) + "\r\n";
    run(dir, "ffmpeg", "-nostdin", "-loglevel", "error", "-i", mkv.toString(), "-c", "copy",
        "-f", "matroska", "-live", "1", "-cluster_time_limit", "1000", "-method", "POST",
        "-headers", headers, endpoint.resolve("/putMedia").toString());
  }

  static String seconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).setScale(3).toPlainString();
  }

  /**
   * Every TagName/TagString pair in MKV bytes, in order (a pair cut off at the end of the bytes is
   * left out).
   */
  static List<Map.Entry<String, String>> tags(byte[] b) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (int at = 0; at + 3 < b.length; at++) {
      if ((b[at] & 0xFF) != 0x45 || (b[at + 1] & 0xFF) != 0xA3) {
        continue;
      }
      long[] name = vint(b, at + 2);
      if (name == null || name[0] > 256) {
        continue;
      }
      int nameAt = at + 2 + (int) name[1];
      int v = nameAt + (int) name[0];
      if (v + 3 > b.length || (b[v] & 0xFF) != 0x44 || (b[v + 1] & 0xFF) != 0x87) {
        continue;
      }
      long[] value = vint(b, v + 2);
      if (value == null) {
        continue;
      }
      int valueAt = v + 2 + (int) value[1];
      if (valueAt + value[0] > b.length) {
        break;
      }
      out.add(Map.entry(new String(b, nameAt, (int) name[0], StandardCharsets.UTF_8),
          new String(b, valueAt, (int) value[0], StandardCharsets.UTF_8)));
      at = valueAt + (int) value[0] - 1;
    }
    return out;
  }

  /** {value, length} of the EBML vint at {@code at}, or null if there is none. */
  private static long[] vint(byte[] b, int at) {
    if (at >= b.length || b[at] == 0) {
      return null;
    }
    int n = Integer.numberOfLeadingZeros(b[at] & 0xFF) - 23;
    if (at + n > b.length) {
      return null;
    }
    long value = b[at] & (0xFF >> n);
    for (int i = 1; i < n; i++) {
      value = (value << 8) | (b[at + i] & 0xFF);
    }
    return new long[] {value, n};
  }

  /** The values of one tag, in order. */
  static List<String> values(byte[] b, String tag) {
    return tags(b).stream().filter(e -> e.getKey().equals(tag)).map(Map.Entry::getValue).toList();
  }

  /**
   * Reads GetMedia bytes until {@code chunks} chunks are whole (each ends with its continuation
   * token tag) or the stream ends.
   */
  static byte[] readChunks(InputStream in, int chunks) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    int n;
    while ((n = in.read(buf)) > 0) {
      all.write(buf, 0, n);
      if (values(all.toByteArray(), "AWS_KINESISVIDEO_CONTINUATION_TOKEN").size() >= chunks) {
        break;
      }
    }
    return all.toByteArray();
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
