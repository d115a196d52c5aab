package io.rivulet.video.mp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rivulet.video.store.FragmentStore.Frame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fMP4, MP4 and MPEG-TS writers checked by ffmpeg/ffprobe decoding every frame of real
 * libx264 video, without and with B-frames, at epoch-millisecond timecodes.
 */
class MuxersTest {
  private static final long START = 1_795_636_200_000L;
  private static final int FRAMES = 75;

  @TempDir static Path dir;
  static FfmpegVideo baseline;
  static FfmpegVideo bframes;

  @BeforeAll
  static void makeVideo() throws Exception {
    baseline = FfmpegVideo.make(dir, 160, 120, 3, 25, 0, START);
    bframes = FfmpegVideo.make(dir, 160, 120, 3, 25, 2, START);
  }

  @Test
  void avcConfigGivesCodecStringAndParameterSets() {
    AvcConfig avc = AvcConfig.parse(baseline.track.codecPrivate());
    assertEquals(0x42, avc.profile());
    assertEquals(4, avc.nalLengthSize());
    assertEquals(1, avc.sps().size());
    assertEquals(1, avc.pps().size());
    assertTrue(avc.codecString().matches("avc1\\.42[0-9a-f]{4}"), avc.codecString());
    assertEquals("avc1.4d", AvcConfig.parse(bframes.track.codecPrivate()).codecString().substring(0, 7));
  }

  @Test
  void pictureSizeFromTheSpsWhenTheTrackHasNone() throws Exception {
    for (int[] size : new int[][] {{160, 120}, {318, 238}, {1280, 720}}) {
      FfmpegVideo v = size[0] == 160 ? baseline
          : FfmpegVideo.make(dir, size[0], size[1], 0.08, 25, size[0] == 1280 ? -1 : 0, 0);
      var t = v.track;
      VideoTrack parsed = VideoTrack.of(new io.rivulet.video.store.FragmentStore.TrackInfo(
          t.number(), t.type(), t.codecId(), t.codecPrivate(), t.name(), 0, 0));
      assertEquals(size[0], parsed.width());
      assertEquals(size[1], parsed.height());
    }
  }

  @Test
  void fragmentedMp4DecodesEveryFrame() throws Exception {
    for (FfmpegVideo v : List.of(baseline, bframes)) {
      VideoTrack track = VideoTrack.of(v.track);
      List<Samples> parts = fragments(v);
      assertEquals(3, parts.size());
      List<byte[]> file = new ArrayList<>();
      file.add(FragmentedMp4.initSegment(track));
      for (int i = 0; i < parts.size(); i++) {
        byte[] segment = FragmentedMp4.mediaSegment(i + 1, parts.get(i));
        file.add(segment);
        Path alone = FfmpegVideo.write(dir.resolve("alone" + i + ".mp4"),
            FragmentedMp4.initSegment(track), segment);
        assertEquals(25, FfmpegVideo.decodedFrames(alone));
      }
      Path whole = FfmpegVideo.write(dir.resolve("whole.mp4"), file.toArray(new byte[0][]));
      assertEquals(FRAMES, FfmpegVideo.decodedFrames(whole));
      assertEquals("", FfmpegVideo.decodeErrors(whole));
      // tfdt carries the frames' own (epoch millisecond) times
      assertEquals(START / 1000.0 + 3.0, duration(whole), 0.05);
    }
  }

  @Test
  void plainMp4DecodesEveryFrame() throws Exception {
    for (FfmpegVideo v : List.of(baseline, bframes)) {
      Path clip = FfmpegVideo.write(dir.resolve("clip.mp4"), Mp4File.write(VideoTrack.of(v.track),
          Samples.of(v.frames, 1, START + 3000)));
      assertEquals(FRAMES, FfmpegVideo.decodedFrames(clip));
      assertEquals("", FfmpegVideo.decodeErrors(clip));
      assertEquals(3.0, duration(clip), 0.05);
      String probe = new String(FfmpegVideo.run(List.of("ffprobe", "-v", "error", "-show_entries",
          "stream=codec_name,width,height,start_time", "-of", "csv=p=0", clip.toString())),
          StandardCharsets.UTF_8).trim();
      assertEquals("h264,160,120,0.000000", probe);
    }
  }

  @Test
  void transportStreamDecodesEveryFrame() throws Exception {
    for (FfmpegVideo v : List.of(baseline, bframes)) {
      VideoTrack track = VideoTrack.of(v.track);
      List<byte[]> file = new ArrayList<>();
      int i = 0;
      for (Samples part : fragments(v)) {
        byte[] segment = MpegTs.segment(track, part);
        assertEquals(0, segment.length % 188);
        file.add(segment);
        Path alone = FfmpegVideo.write(dir.resolve("alone" + i++ + ".ts"), segment);
        assertEquals(25, FfmpegVideo.decodedFrames(alone));
      }
      Path whole = FfmpegVideo.write(dir.resolve("whole.ts"), file.toArray(new byte[0][]));
      assertEquals(FRAMES, FfmpegVideo.decodedFrames(whole));
      assertEquals("", FfmpegVideo.decodeErrors(whole));
      assertEquals(3.0, duration(whole), 0.05);
    }
  }

  @Test
  void mpegCrcMatchesKnownValue() {
    // CRC-32/MPEG-2 check value of "123456789"
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x0376e6e7, MpegTs.crc32Mpeg(check, check.length));
  }

  /** The video cut at its keyframes, as the fragments a producer sends. */
  static List<Samples> fragments(FfmpegVideo v) {
    List<Integer> keys = new ArrayList<>(v.keyframes());
    keys.add(v.frames.size());
    List<Samples> out = new ArrayList<>();
    for (int k = 0; k + 1 < keys.size(); k++) {
      List<Frame> part = v.slice(keys.get(k), keys.get(k + 1));
      long end = START + (k + 1) * 1000L;
      out.add(Samples.of(part, 1, end));
    }
    return out;
  }

  private static double duration(Path file) throws Exception {
    return Double.parseDouble(new String(FfmpegVideo.run(List.of("ffprobe", "-v", "error",
        "-show_entries", "format=duration", "-of", "csv=p=0", file.toString())),
        StandardCharsets.UTF_8).trim());
  }
}
