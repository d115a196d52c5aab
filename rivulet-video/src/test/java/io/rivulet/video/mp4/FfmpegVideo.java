package io.rivulet.video.mp4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real H.264 made by ffmpeg (testsrc, libx264) into Matroska, read back through ffprobe's packet
 * dump: the avcC, and each packet's AVCC payload, presentation time and key flag in decode order.
 * Test helper; not thread-safe.
 */
public final class FfmpegVideo {
  public final TrackInfo track;
  public final List<Frame> frames;

  private FfmpegVideo(TrackInfo track, List<Frame> frames) {
    this.track = track;
    this.frames = frames;
  }

  /**
   * {@code seconds} of 25 fps testsrc at width x height, a keyframe every {@code gop} frames,
   * {@code bframes} B-frames (0: none, baseline profile; negative: high profile, x264's default
   * B-frames); frame timecodes start at {@code
   * startMillis}.
   */
  public static FfmpegVideo make(Path dir, int width, int height, double seconds, int gop,
      int bframes, long startMillis) throws IOException, InterruptedException {
    Path mkv = dir.resolve("src-" + System.nanoTime() + ".mkv");
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", "testsrc=size=" + width + "x" + height + ":rate=25", "-t",
        Double.toString(seconds), "-c:v", "libx264", "-g", Integer.toString(gop), "-keyint_min",
        Integer.toString(gop), "-sc_threshold", "0", "-pix_fmt", "yuv420p"));
    if (bframes < 0) {
      cmd.addAll(List.of("-profile:v", "high"));
    } else if (bframes == 0) {
      cmd.addAll(List.of("-profile:v", "baseline"));
    } else {
      cmd.addAll(List.of("-profile:v", "main", "-bf", Integer.toString(bframes), "-x264-params",
          "b-adapt=0"));
    }
    cmd.addAll(List.of("-f", "matroska", mkv.toString()));
    run(cmd);
    String json = new String(run(List.of("ffprobe", "-v", "error", "-show_streams",
        "-show_packets", "-show_data", "-of", "json", mkv.toString())), StandardCharsets.UTF_8);
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode stream = root.get("streams").get(0);
    TrackInfo track = new TrackInfo(1, 1, VideoTrack.H264_CODEC_ID,
        hex(stream.get("extradata").asText()), "video", stream.get("width").asInt(),
        stream.get("height").asInt());
    List<Frame> frames = new ArrayList<>();
    for (JsonNode p : root.get("packets")) {
      long ms = Math.round(Double.parseDouble(p.get("pts_time").asText()) * 1000);
      frames.add(new Frame(1, startMillis + ms, p.get("flags").asText().contains("K"),
          hex(p.get("data").asText())));
    }
    return new FfmpegVideo(track, frames);
  }

  /** Frames [from, to) in decode order. */
  public List<Frame> slice(int from, int to) {
    return frames.subList(from, to);
  }

  /** Indexes of the keyframes. */
  public List<Integer> keyframes() {
    List<Integer> k = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).keyframe()) {
        k.add(i);
      }
    }
    return k;
  }

  /** Parses ffprobe's hex dump lines ({@code 00000000: 014d 400b ...  ascii}). */
  static byte[] hex(String dump) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : dump.split("\n")) {
      if (line.length() < 10) {
        continue;
      }
      String hex = line.substring(10, Math.min(line.length(), 10 + 39)).replace(" ", "");
      for (int i = 0; i + 1 < hex.length(); i += 2) {
        out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
      }
    }
    return out.toByteArray();
  }

  /** Runs a command, returns its stdout; fails on a non-zero exit. */
  public static byte[] run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("failed: " + String.join(" ", cmd));
    }
    return out;
  }

  /** Counts the video frames ffprobe decodes from {@code file} (-count_frames). */
  public static int decodedFrames(Path file) throws IOException, InterruptedException {
    String out = new String(run(List.of("ffprobe", "-v", "error", "-count_frames",
        "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0",
        file.toString())), StandardCharsets.UTF_8).trim();
    return Integer.parseInt(out.split("\\s+")[0]);
  }

  /**
   * Decodes every frame of {@code file} with ffmpeg and returns the decoder's complaints
   * (empty when every frame decoded cleanly).
   */
  public static String decodeErrors(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(),
        "-f", "null", "-").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return p.exitValue() == 0 ? out.trim() : "exit " + p.exitValue() + ": " + out;
  }

  static Path write(Path file, byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] b : parts) {
      out.writeBytes(b);
    }
    return Files.write(file, out.toByteArray());
  }
}
