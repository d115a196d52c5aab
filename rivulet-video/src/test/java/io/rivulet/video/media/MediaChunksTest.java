package io.rivulet.video.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.testing.Chunks;
import io.rivulet.video.testing.TestVideo;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetMedia chunks from ffmpeg-made video, checked by mkvinfo and ffprobe. */
class MediaChunksTest {
  private static final String ARN = "arn:aws:kinesisvideo:us-east-1:000000000000:stream/s/1";
  @TempDir static Path dir;
  static TestVideo.Video video;
  static List<Fragment> fragments;

  @BeforeAll
  static void makeVideo() throws Exception {
    assumeTrue(TestVideo.ffmpegAvailable(), "ffmpeg is not installed");
    video = TestVideo.make(dir, 320, 240, 3);
    fragments = TestVideo.fragments(video, ARN, 1, Instant.parse("2026-11-26T03:00:00Z"), 120);
  }

  @Test
  void chunkCarriesTheAwsTagsInOrder() {
    byte[] chunk = MediaChunks.getMediaChunk(fragments.get(1), 15858);
    Map<String, String> tags = Chunks.tags(chunk);
    assertThat(tags).containsExactly(Map.entry("TEST_KEY", "v2"),
        Map.entry("AWS_KINESISVIDEO_FRAGMENT_NUMBER", "00000000000000000002"),
        Map.entry("AWS_KINESISVIDEO_SERVER_TIMESTAMP", "1795662001.120"),
        Map.entry("AWS_KINESISVIDEO_PRODUCER_TIMESTAMP", "1795662001.000"),
        Map.entry("AWS_KINESISVIDEO_MILLIS_BEHIND_NOW", "15858"),
        Map.entry("AWS_KINESISVIDEO_CONTINUATION_TOKEN", "00000000000000000002"));
    // the EBML header, then a Segment of unknown size
    assertThat(chunk).startsWith(0x1A, 0x45, 0xDF, 0xA3);
  }

  @Test
  void mkvinfoReadsTheLayout() throws Exception {
    assumeTrue(TestVideo.runs("mkvinfo", "--version"), "mkvinfo is not installed");
    Path file = dir.resolve("one.mkv");
    Files.write(file, MediaChunks.getMediaChunk(fragments.get(0), 0));
    String info = TestVideo.run(dir, "mkvinfo", "-v", file.toString());
    assertThat(info).contains("Segment: size unknown", "Segment information", "Tracks",
        "Codec ID: V_MPEG4/ISO/AVC", "Pixel width: 320", "Pixel height: 240",
        "Name: AWS_KINESISVIDEO_FRAGMENT_NUMBER", "String: 00000000000000000001",
        "Name: AWS_KINESISVIDEO_CONTINUATION_TOKEN", "Name: TEST_KEY", "Cluster",
        "Simple block: key, track number 1");
    assertThat(info).doesNotContain("Error", "error");
  }

  @Test
  void ffprobeDecodesEveryFrameOfTheConcatenatedChunks() throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Fragment f : fragments) {
      all.writeBytes(MediaChunks.getMediaChunk(f, 0));
    }
    Path file = dir.resolve("all.mkv");
    Files.write(file, all.toByteArray());
    String decoded = TestVideo.run(dir, "ffmpeg", "-nostdin", "-v", "error", "-i",
        file.toString(), "-f", "null", "-");
    assertThat(decoded).doesNotContain("error while decoding", "Invalid");
    String frames = TestVideo.run(dir, "ffprobe", "-v", "error", "-count_frames",
        "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames,width,height",
        "-of", "csv=p=0", file.toString());
    int total = fragments.stream().mapToInt(f -> f.frames().size()).sum();
    String[] lines = frames.strip().split("\n");
    assertThat(lines[lines.length - 1]).isEqualTo("320,240," + total);
    assertThat(total).isEqualTo(3 * TestVideo.FPS);
    String count = TestVideo.run(dir, "ffmpeg", "-nostdin", "-v", "error", "-i",
        file.toString(), "-map", "0:v:0", "-fps_mode", "passthrough", "-f", "framemd5", "-");
    assertThat(count.lines().filter(l -> l.matches("^\\d+,.*")).count()).isEqualTo(total);
  }

  @Test
  void storedClustersOfAnySizeFormAreRewrittenWithAnEightByteSize() {
    byte[] stored = fragments.get(0).cluster();
    int sizeLength = Integer.numberOfLeadingZeros(stored[4] & 0xFF) - 23;
    byte[] children = java.util.Arrays.copyOfRange(stored, 4 + sizeLength, stored.length);
    byte[] unknown = new byte[12 + children.length];
    System.arraycopy(stored, 0, unknown, 0, 4);
    unknown[4] = 0x01;
    java.util.Arrays.fill(unknown, 5, 12, (byte) 0xFF);
    System.arraycopy(children, 0, unknown, 12, children.length);
    byte[] expected = new io.rivulet.video.mkv.EbmlWriter()
        .masterHeader(io.rivulet.video.mkv.Ebml.CLUSTER, children.length).raw(children)
        .toByteArray();
    for (byte[] form : List.of(stored, unknown, children)) {
      io.rivulet.video.mkv.EbmlWriter w = new io.rivulet.video.mkv.EbmlWriter();
      MediaChunks.cluster(w, form);
      assertThat(w.toByteArray()).isEqualTo(expected);
    }
  }

  @Test
  void errorChunkCarriesTheErrorTags() {
    Map<String, String> tags = Chunks.tags(MediaChunks.errorChunk("17", "FRAGMENT_NOT_FOUND",
        4000));
    assertThat(tags).containsExactly(Map.entry("AWS_KINESISVIDEO_FRAGMENT_NUMBER", "17"),
        Map.entry("AWS_KINESISVIDEO_ERROR_CODE", "FRAGMENT_NOT_FOUND"),
        Map.entry("AWS_KINESISVIDEO_ERROR_ID", "4000"));
  }
}
