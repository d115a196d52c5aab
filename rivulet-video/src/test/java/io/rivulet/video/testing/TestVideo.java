package io.rivulet.video.testing;

import io.rivulet.video.mkv.Matroska;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.StreamHeader;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real H.264 video for tests, made by ffmpeg ({@code testsrc}, libx264, one keyframe per second,
 * an access unit delimiter before each frame) and cut into KVS-like fragments: frames as AVCC
 * (4-byte NAL lengths), the avcC built from the stream's SPS/PPS, one fragment per GOP.
 */
public final class TestVideo {
  public static final int FPS = 25;

  /** The ffmpeg-made video: its avcC, size and frames (40 ms apart from timecode 0). */
  public record Video(byte[] avcC, int width, int height, List<Frame> frames, byte[] annexB) {
    public TrackInfo track() {
      return new TrackInfo(1, 1, "V_MPEG4/ISO/AVC", avcC, "kvs_video_track", width, height);
    }
  }

  private TestVideo() {}

  /** True if ffmpeg runs here (tests assume it). */
  public static boolean ffmpegAvailable() {
    return runs("ffmpeg", "-version");
  }

  /** True if the command runs and exits 0. */
  public static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code seconds} of testsrc at width x height, 25 fps, baseline profile. */
  public static Video make(Path dir, int width, int height, int seconds) throws Exception {
    Path out = dir.resolve("video-" + width + "x" + height + "-" + seconds + ".h264");
    if (!Files.exists(out)) {
      run(dir, "ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
          "testsrc=size=" + width + "x" + height + ":rate=" + FPS, "-t", Integer.toString(seconds),
          "-c:v", "libx264", "-profile:v", "baseline", "-preset", "veryfast", "-g",
          Integer.toString(FPS), "-keyint_min", Integer.toString(FPS), "-sc_threshold", "0",
          "-bf", "0", "-pix_fmt", "yuv420p", "-x264-params", "aud=1", "-f", "h264", "-y",
          out.toString());
    }
    return parse(Files.readAllBytes(out), width, height);
  }

  static Video parse(byte[] annexB, int width, int height) {
    List<byte[]> nals = splitAnnexB(annexB);
    byte[] sps = null;
    byte[] pps = null;
    List<Frame> frames = new ArrayList<>();
    ByteArrayOutputStream au = null;
    boolean key = false;
    for (byte[] nal : nals) {
      int type = nal[0] & 0x1F;
      if (type == 9) {
        if (au != null && au.size() > 0) {
          frames.add(new Frame(1, frames.size() * 1000L / FPS, key, au.toByteArray()));
        }
        au = new ByteArrayOutputStream();
        key = false;
        continue;
      }
      if (type == 7) {
        sps = sps == null ? nal : sps;
        continue;
      }
      if (type == 8) {
        pps = pps == null ? nal : pps;
        continue;
      }
      if (au == null) {
        au = new ByteArrayOutputStream();
      }
      key |= type == 5;
      au.write(nal.length >>> 24);
      au.write(nal.length >>> 16);
      au.write(nal.length >>> 8);
      au.write(nal.length);
      au.writeBytes(nal);
    }
    if (au != null && au.size() > 0) {
      frames.add(new Frame(1, frames.size() * 1000L / FPS, key, au.toByteArray()));
    }
    return new Video(avcC(sps, pps), width, height, frames, annexB);
  }

  static List<byte[]> splitAnnexB(byte[] b) {
    List<byte[]> out = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i + 3 <= b.length) {
      boolean sc3 = b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1;
      if (sc3) {
        if (start >= 0) {
          int end = i;
          while (end > start && b[end - 1] == 0) {
            end--;
          }
          out.add(java.util.Arrays.copyOfRange(b, start, end));
        }
        start = i + 3;
        i += 3;
      } else {
        i++;
      }
    }
    if (start >= 0 && start < b.length) {
      out.add(java.util.Arrays.copyOfRange(b, start, b.length));
    }
    return out;
  }

  static byte[] avcC(byte[] sps, byte[] pps) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(1);
    o.write(sps[1]);
    o.write(sps[2]);
    o.write(sps[3]);
    o.write(0xFF);
    o.write(0xE1);
    o.write(sps.length >>> 8);
    o.write(sps.length);
    o.writeBytes(sps);
    o.write(1);
    o.write(pps.length >>> 8);
    o.write(pps.length);
    o.writeBytes(pps);
    return o.toByteArray();
  }

  /**
   * The video cut into one fragment per GOP, numbered from {@code firstNumber} (20-digit
   * decimal strings), producer timestamps from {@code producerStart}, server timestamps
   * {@code serverLagMillis} later.
   */
  public static List<Fragment> fragments(Video v, String streamArn, long firstNumber,
      Instant producerStart, long serverLagMillis) {
    StreamHeader header = new StreamHeader(1, 1_000_000, List.of(v.track()));
    List<Fragment> out = new ArrayList<>();
    List<Frame> gop = new ArrayList<>();
    for (int i = 0; i <= v.frames().size(); i++) {
      boolean end = i == v.frames().size() || (v.frames().get(i).keyframe() && !gop.isEmpty());
      if (end && !gop.isEmpty()) {
        out.add(fragment(header, streamArn, firstNumber + out.size(), producerStart, serverLagMillis,
            gop));
        gop = new ArrayList<>();
      }
      if (i < v.frames().size()) {
        gop.add(v.frames().get(i));
      }
    }
    return out;
  }

  private static Fragment fragment(StreamHeader header, String arn, long number, Instant start,
      long lag, List<Frame> gop) {
    long first = gop.get(0).timecodeMillis();
    List<Frame> frames = new ArrayList<>();
    for (Frame f : gop) {
      frames.add(new Frame(f.trackNumber(), start.toEpochMilli() + f.timecodeMillis(),
          f.keyframe(), f.data()));
    }
    byte[] cluster = cluster(frames);
    long duration = gop.get(gop.size() - 1).timecodeMillis() - first + 1000L / FPS;
    Instant producer = start.plusMillis(first);
    FragmentInfo info = new FragmentInfo(arn, String.format("%020d", number), producer,
        producer.plusMillis(lag), duration, cluster.length, header.id());
    return new Fragment(info, header, frames, List.of(Map.entry("TEST_KEY", "v" + number)),
        cluster);
  }

  /** A Cluster as producers send it: Timecode = the first frame's, one SimpleBlock per frame. */
  static byte[] cluster(List<Frame> frames) {
    long base = frames.get(0).timecodeMillis();
    List<byte[]> blocks = new ArrayList<>();
    for (Frame f : frames) {
      blocks.add(Matroska.simpleBlock(f.trackNumber(), (int) (f.timecodeMillis() - base),
          f.keyframe(), f.data()));
    }
    return Matroska.cluster(base, blocks);
  }

  /** Runs a command in {@code dir}, failing with its output when it exits non-zero. */
  public static String run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out");
    }
    String text = new String(out, java.nio.charset.StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
    }
    return text;
  }
}
