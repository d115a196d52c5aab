package io.rivulet.video.mkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.video.mkv.MkvTools.InfoBlock;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MkvReaderTest {

  @TempDir static Path dir;
  static byte[] ffmpegFile;
  static Path ffmpegPath;

  @BeforeAll
  static void makeVideo() throws Exception {
    ffmpegPath = MkvTools.ffmpegMkv(dir, 3);
    ffmpegFile = Files.readAllBytes(ffmpegPath);
  }

  static List<MkvEvent> readAll(InputStream in) throws IOException {
    MkvReader r = new MkvReader(in);
    List<MkvEvent> events = new ArrayList<>();
    MkvEvent e;
    while ((e = r.next()) != null) {
      events.add(e);
    }
    return events;
  }

  /** The blocks as mkvinfo would print them. */
  static List<InfoBlock> blocks(List<MkvEvent> events) {
    long scale = 1_000_000;
    long clusterTc = 0;
    List<InfoBlock> out = new ArrayList<>();
    for (MkvEvent e : events) {
      if (e instanceof MkvEvent.Info i) {
        scale = i.timecodeScaleNanos();
      } else if (e instanceof MkvEvent.ClusterTimecode t) {
        clusterTc = t.timecode();
      } else if (e instanceof MkvEvent.BlockEvent b) {
        out.add(new InfoBlock(b.block().trackNumber(),
            (clusterTc + b.block().relativeTimecode()) * scale, b.block().keyframe(),
            b.block().frames().size()));
      }
    }
    return out;
  }

  @Test
  void ffmpegFileReadsAsMkvinfoReadsIt() throws Exception {
    List<MkvEvent> events = readAll(new ByteArrayInputStream(ffmpegFile));

    List<InfoBlock> expected = MkvTools.mkvinfoBlocks(ffmpegPath);
    assertThat(expected).hasSize(75);
    assertThat(blocks(events)).containsExactlyElementsOf(expected);
    assertThat(events).filteredOn(e -> e instanceof MkvEvent.ClusterStart).hasSize(3);
    assertThat(events).filteredOn(e -> e instanceof MkvEvent.ClusterEnd).hasSize(3);
    assertThat(events.get(0)).isEqualTo(new MkvEvent.EbmlHeader("matroska", 0));
    TrackInfo track = events.stream().filter(e -> e instanceof MkvEvent.Tracks)
        .map(e -> ((MkvEvent.Tracks) e).tracks().get(0)).findFirst().orElseThrow();
    assertThat(track.number()).isEqualTo(1);
    assertThat(track.type()).isEqualTo(1);
    assertThat(track.codecId()).isEqualTo("V_MPEG4/ISO/AVC");
    assertThat(track.pixelWidth()).isEqualTo(320);
    assertThat(track.pixelHeight()).isEqualTo(240);
    assertThat(track.codecPrivate()[0]).isEqualTo((byte) 1); // avcC version
    MkvEvent.Tags tags = (MkvEvent.Tags) events.stream().filter(e -> e instanceof MkvEvent.Tags)
        .findFirst().orElseThrow();
    assertThat(tags.tags()).extracting(MkvEvent.SimpleTag::name).contains("ENCODER", "DURATION");
    assertThat(events.get(events.size() - 1)).isInstanceOf(MkvEvent.SegmentEnd.class);
  }

  @Test
  void oneByteAtATimeGivesTheSameEvents() throws Exception {
    List<MkvEvent> whole = readAll(new ByteArrayInputStream(ffmpegFile));
    List<MkvEvent> trickled = readAll(new Trickle(ffmpegFile));
    assertThat(blocks(trickled)).containsExactlyElementsOf(blocks(whole));
    assertThat(trickled).hasSameSizeAs(whole);
  }

  @Test
  void ffmpegLivePipeHasUnknownSegment() throws Exception {
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
        "-i", "testsrc=size=160x120:rate=25", "-t", "2", "-c:v", "libx264", "-g", "25",
        "-pix_fmt", "yuv420p", "-f", "matroska", "-live", "1", "-cluster_time_limit", "1000", "-")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<MkvEvent> events = readAll(p.getInputStream());
    assertThat(p.waitFor()).isZero();
    assertThat(events).contains(new MkvEvent.SegmentStart(events.stream()
        .filter(e -> e instanceof MkvEvent.SegmentStart)
        .mapToLong(e -> ((MkvEvent.SegmentStart) e).offset()).findFirst().orElseThrow(), true));
    assertThat(blocks(events)).hasSize(50);
    assertThat(blocks(events)).filteredOn(InfoBlock::key).hasSize(2);
  }

  @Test
  void unknownSizeClustersEndAtTagsNextClusterAndEndOfStream() throws Exception {
    byte[] stream = producerStream(new byte[] {(byte) 0xFF}, 2);
    List<MkvEvent> events = readAll(new ByteArrayInputStream(stream));
    List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName()).toList();
    assertThat(kinds).containsExactly("EbmlHeader", "SegmentStart", "Info", "Tracks",
        "ClusterStart", "ClusterTimecode", "BlockEvent", "BlockEvent", "ClusterEnd", "Tags",
        "ClusterStart", "ClusterTimecode", "BlockEvent", "BlockEvent", "ClusterEnd", "Tags",
        "SegmentEnd");
    assertThat(((MkvEvent.Tags) events.get(9)).tags())
        .containsExactly(new MkvEvent.SimpleTag("AWS_KINESISVIDEO_END_OF_FRAGMENT", ""));
    assertThat(((MkvEvent.ClusterTimecode) events.get(11)).timecode()).isEqualTo(1000);
    // 8-byte unknown sizes read the same
    byte[] eight = producerStream(new byte[] {1, -1, -1, -1, -1, -1, -1, -1}, 2);
    assertThat(blocks(readAll(new ByteArrayInputStream(eight)))).isEqualTo(blocks(events));
  }

  @Test
  void eventsArriveWithoutReadingAhead() throws Exception {
    // a fragment followed by its END_OF_FRAGMENT tag: every event is available before more bytes
    byte[] stream = producerStream(new byte[] {(byte) 0xFF}, 1);
    MkvReader r = new MkvReader(new WouldBlockAtEnd(stream));
    List<String> kinds = new ArrayList<>();
    assertThatThrownBy(() -> {
      while (true) {
        kinds.add(r.next().getClass().getSimpleName());
      }
    }).isInstanceOf(IllegalStateException.class).hasMessage("would block");
    assertThat(kinds).endsWith("ClusterEnd", "Tags");
  }

  @Test
  void lacingIsSplitIntoFrames() throws Exception {
    // Xiph: 3 frames of sizes 2, 300, rest(1)
    byte[] xiph = {(byte) 0x81, 0, 5, (byte) 0x82, 2, 2, (byte) 255, 45};
    byte[] xiphBlock = concat(xiph, new byte[2 + 300 + 1]);
    Block b = Block.parse(xiphBlock, true, false, 0);
    assertThat(b.frames()).extracting(f -> f.length).containsExactly(2, 300, 1);
    assertThat(b.relativeTimecode()).isEqualTo(5);
    assertThat(b.keyframe()).isTrue();
    // fixed: 4 frames of 3 bytes
    Block fixed = Block.parse(concat(new byte[] {(byte) 0x82, -1, -2, 0x04, 3}, new byte[12]),
        true, false, 0);
    assertThat(fixed.trackNumber()).isEqualTo(2);
    assertThat(fixed.relativeTimecode()).isEqualTo(-2);
    assertThat(fixed.keyframe()).isFalse();
    assertThat(fixed.frames()).extracting(f -> f.length).containsExactly(3, 3, 3, 3);
    // EBML: 3 frames: 10, 10 + (-2) = 8, rest (4); signed 1-byte vint: raw - 63
    Block ebml = Block.parse(concat(new byte[] {(byte) 0x81, 0, 0, 0x06, 2, (byte) 0x8A,
        (byte) (0x80 | 61)}, new byte[22]), true, false, 0);
    assertThat(ebml.frames()).extracting(f -> f.length).containsExactly(10, 8, 4);
    assertThatThrownBy(() -> Block.parse(new byte[] {(byte) 0x81, 0, 0, 0x04, 2, 1, 2, 3, 4},
        true, false, 0)).isInstanceOf(MkvException.class);
  }

  @Test
  void invalidInputIsAnMkvException() {
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream("hello, world".getBytes())))
        .isInstanceOf(MkvException.class);
    byte[] truncated = java.util.Arrays.copyOf(ffmpegFile, ffmpegFile.length - 100);
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(truncated)))
        .isInstanceOf(MkvException.class).hasMessageContaining("ended");
    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(new byte[] {0, 0, 0, 0})))
        .isInstanceOf(MkvException.class).hasMessageContaining("invalid element id");
    byte[] big = producerStream(new byte[] {(byte) 0xFF}, 1);
    assertThatThrownBy(() -> {
      MkvReader r = new MkvReader(new ByteArrayInputStream(big), 16);
      while (r.next() != null) {
        // read on
      }
    }).isInstanceOf(MkvException.class).hasMessageContaining("exceeds the limit");
  }

  @Test
  void writerOutputReadsBackAndMkvinfoAgrees() throws Exception {
    List<MkvEvent> events = readAll(new ByteArrayInputStream(ffmpegFile));
    List<TrackInfo> tracks = events.stream().filter(e -> e instanceof MkvEvent.Tracks)
        .map(e -> ((MkvEvent.Tracks) e).tracks()).findFirst().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Matroska.ebmlHeader("matroska"));
    out.writeBytes(Matroska.segmentStart());
    out.writeBytes(Matroska.info(1_000_000, "Rivulet", "rivulet-test"));
    out.writeBytes(Matroska.tracks(tracks));
    out.writeBytes(Matroska.tags(List.of(Map.entry("AWS_KINESISVIDEO_FRAGMENT_NUMBER", "1"))));
    List<byte[]> children = new ArrayList<>();
    long timecode = -1;
    for (MkvEvent e : events) {
      if (e instanceof MkvEvent.ClusterTimecode t) {
        timecode = t.timecode();
      } else if (e instanceof MkvEvent.BlockEvent b) {
        children.add(b.element());
      } else if (e instanceof MkvEvent.ClusterEnd) {
        byte[] cluster = Matroska.cluster(timecode, children);
        assertThat(ClusterFrames.parse(cluster, 1_000_000)).hasSize(children.size());
        out.writeBytes(cluster);
        children.clear();
      }
    }
    Path rewritten = dir.resolve("rewritten.mkv");
    Files.write(rewritten, out.toByteArray());
    assertThat(MkvTools.mkvinfoBlocks(rewritten))
        .containsExactlyElementsOf(MkvTools.mkvinfoBlocks(ffmpegPath));
    assertThat(MkvTools.mkvinfo(rewritten)).contains("Codec ID: V_MPEG4/ISO/AVC")
        .contains("Pixel width: 320").contains("Name: AWS_KINESISVIDEO_FRAGMENT_NUMBER");
    assertThat(blocks(readAll(new ByteArrayInputStream(out.toByteArray()))))
        .containsExactlyElementsOf(blocks(events));
  }

  @Test
  void clusterFramesHaveAbsoluteMillis() throws Exception {
    byte[] cluster = Matroska.cluster(500, List.of(
        Matroska.simpleBlock(1, 0, true, new byte[] {1, 2}),
        Matroska.simpleBlock(1, 40, false, new byte[] {3})));
    var frames = ClusterFrames.parse(cluster, 1_000_000);
    assertThat(frames).extracting(f -> f.timecodeMillis()).containsExactly(500L, 540L);
    assertThat(frames).extracting(f -> f.keyframe()).containsExactly(true, false);
    assertThat(ClusterFrames.parse(cluster, 100_000)).extracting(f -> f.timecodeMillis())
        .containsExactly(50L, 54L);
  }

  /**
   * What the KVS producer sends: EBML header, unknown-size Segment, Info, Tracks, then per
   * fragment an unknown-size Cluster (Timecode, 2 SimpleBlocks) and an END_OF_FRAGMENT Tags.
   */
  static byte[] producerStream(byte[] unknownSize, int fragments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Matroska.ebmlHeader("matroska"));
    out.writeBytes(Ebml.idBytes(Ebml.SEGMENT));
    out.writeBytes(unknownSize);
    out.writeBytes(Matroska.info(1_000_000, "Kinesis Video SDK", "Kinesis Video SDK"));
    out.writeBytes(Matroska.tracks(List.of(new TrackInfo(1, 1, "V_MPEG4/ISO/AVC",
        new byte[] {1, 66, 0, 30}, "kvs_video_track", 320, 240))));
    for (int f = 0; f < fragments; f++) {
      out.writeBytes(Ebml.idBytes(Ebml.CLUSTER));
      out.writeBytes(unknownSize);
      out.writeBytes(new EbmlWriter().uint(Ebml.TIMECODE, f * 1000L).toByteArray());
      out.writeBytes(Matroska.simpleBlock(1, 0, true, new byte[100]));
      out.writeBytes(Matroska.simpleBlock(1, 40, false, new byte[50]));
      out.writeBytes(Matroska.tags(List.of(Map.entry("AWS_KINESISVIDEO_END_OF_FRAGMENT", ""))));
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Hands out one byte per read. */
  static class Trickle extends InputStream {
    private final byte[] data;
    private int i;

    Trickle(byte[] data) {
      this.data = data;
    }

    @Override
    public int read() {
      return i < data.length ? data[i++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int c = read();
      if (c < 0) {
        return -1;
      }
      b[off] = (byte) c;
      return 1;
    }
  }

  /** A live stream: reading past what has arrived would block (here: throws). */
  static final class WouldBlockAtEnd extends Trickle {
    private final int length;
    private int read;

    WouldBlockAtEnd(byte[] data) {
      super(data);
      this.length = data.length;
    }

    @Override
    public int read() {
      if (read++ >= length) {
        throw new IllegalStateException("would block");
      }
      return super.read();
    }
  }
}
