package io.rivulet.video.mkv;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rivulet.fuzz.SeedSweep;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets over the MKV reader PutMedia runs on untrusted uploads (docs/SECURITY.md,
 * "Fuzzing"). {@code read}: any bytes are read event by event until the end or an {@link
 * MkvException} (nothing else may be thrown, nothing read past a 64 KiB element cap); the blocks
 * of each cluster, re-written as a stored Cluster, parse back to as many frames as were read.
 * {@code clusterFrames}: any bytes given as a stored cluster give frames or an MkvException.
 */
class MkvFuzzTest {
  private static final long MAX_ELEMENT = 64 * 1024;

  @FuzzTest(maxDuration = "5m")
  void read(byte[] data) throws IOException {
    MkvReader reader = new MkvReader(new ByteArrayInputStream(data), MAX_ELEMENT);
    long timecode = 0;
    List<byte[]> blocks = new ArrayList<>();
    int frames = 0;
    MkvEvent e;
    try {
      while ((e = reader.next()) != null) {
        assertThat(reader.position()).isLessThanOrEqualTo(data.length);
        if (e instanceof MkvEvent.ClusterTimecode tc) {
          timecode = tc.timecode();
        } else if (e instanceof MkvEvent.BlockEvent b) {
          assertThat(b.block().dataSize()).isLessThanOrEqualTo(b.element().length);
          blocks.add(b.element());
          frames += b.block().frames().size();
        } else if (e instanceof MkvEvent.ClusterEnd) {
          assertThat(ClusterFrames.parse(Matroska.cluster(timecode, blocks), 1_000_000))
              .hasSize(frames);
          blocks.clear();
          frames = 0;
          timecode = 0;
        }
      }
    } catch (MkvException expected) {
      assertThat(expected.position()).isBetween(0L, (long) data.length);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void clusterFrames(byte[] data) throws IOException {
    try {
      ClusterFrames.parse(data, 1_000_000);
    } catch (MkvException expected) {
      // invalid input is refused as invalid MKV, nothing else
    }
  }

  /** SimpleTags nest; tens of thousands of levels (a few bytes each) would overflow the stack. */
  @Test
  void aNestingBombIsRefusedAsInvalid() {
    byte[] inner = new EbmlWriter().string(Ebml.TAG_NAME, "x").toByteArray();
    for (int i = 0; i < 2_000; i++) {
      inner = new EbmlWriter().binary(Ebml.SIMPLE_TAG, inner).toByteArray();
    }
    byte[] tags = new EbmlWriter().binary(Ebml.TAGS,
        new EbmlWriter().binary(Ebml.TAG, inner).toByteArray()).toByteArray();
    byte[] stream = MkvReaderTest.concat(MkvReaderTest.concat(Matroska.ebmlHeader("matroska"),
        Matroska.segmentStart()), tags);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MkvReaderTest.readAll(
        new ByteArrayInputStream(stream))).isInstanceOf(MkvException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void readSweep() {
    assertThat(SeedSweep.run(getClass(), "read", this::read)).isPositive();
  }

  @Test
  void clusterFramesSweep() {
    assertThat(SeedSweep.run(getClass(), "clusterFrames", this::clusterFrames)).isPositive();
  }
}
