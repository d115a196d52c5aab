package io.rivulet.video.mkv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ffmpeg to make test video, mkvinfo as the MKV oracle. */
final class MkvTools {

  /** One block as mkvinfo prints it: track, absolute timestamp in ns, keyframe, frame count. */
  record InfoBlock(long track, long timestampNanos, boolean key, int frames) {}

  private static final Pattern BLOCK = Pattern.compile(
      "(Simple block|Block): (key, )?track number (\\d+), (\\d+) frame\\(s\\), timestamp "
          + "(\\d+):(\\d+):(\\d+)\\.(\\d{9})");

  /** An H.264 Matroska file from ffmpeg's test source, one cluster and one keyframe a second. */
  static Path ffmpegMkv(Path dir, int seconds, String... extra) throws Exception {
    Path out = dir.resolve("ffmpeg-" + seconds + ".mkv");
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error",
        "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", Integer.toString(seconds),
        "-c:v", "libx264", "-g", "25", "-pix_fmt", "yuv420p"));
    cmd.addAll(List.of(extra));
    cmd.addAll(List.of("-f", "matroska", "-cluster_time_limit", "1000", out.toString()));
    run(cmd);
    return out;
  }

  /** The blocks mkvinfo reports, in file order. */
  static List<InfoBlock> mkvinfoBlocks(Path file) throws Exception {
    List<InfoBlock> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(mkvinfo(file));
    while (m.find()) {
      long ns = ((Long.parseLong(m.group(5)) * 60 + Long.parseLong(m.group(6))) * 60
          + Long.parseLong(m.group(7))) * 1_000_000_000L + Long.parseLong(m.group(8));
      blocks.add(new InfoBlock(Long.parseLong(m.group(3)), ns, m.group(2) != null,
          Integer.parseInt(m.group(4))));
    }
    return blocks;
  }

  /** mkvinfo -v output; fails if mkvinfo reports an error. */
  static String mkvinfo(Path file) throws Exception {
    String out = run(List.of("mkvinfo", "-v", file.toString()));
    if (out.contains("Error:") || out.contains("(Unknown element")) {
      throw new AssertionError("mkvinfo complains:\n" + out);
    }
    return out;
  }

  static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(cmd + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private MkvTools() {}
}
