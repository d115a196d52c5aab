package io.rivulet.video.mkv;

import io.rivulet.video.store.FragmentStore.Frame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a stored Cluster element (known or unknown size) into its frames with absolute millisecond
 * timecodes. Stateless and thread-safe.
 */
public final class ClusterFrames {

  /** The frames of {@code cluster} in order; laced blocks give one frame per lace. */
  public static List<Frame> parse(byte[] cluster, long timecodeScaleNanos) throws IOException {
    MkvReader r = new MkvReader(new ByteArrayInputStream(framed(cluster)), Long.MAX_VALUE);
    List<Frame> frames = new ArrayList<>();
    long clusterTimecode = 0;
    boolean seenCluster = false;
    MkvEvent e;
    while ((e = r.next()) != null) {
      if (e instanceof MkvEvent.ClusterStart) {
        if (seenCluster) {
          throw new MkvException("more than one Cluster", ((MkvEvent.ClusterStart) e).offset());
        }
        seenCluster = true;
      } else if (e instanceof MkvEvent.ClusterTimecode tc) {
        clusterTimecode = tc.timecode();
      } else if (e instanceof MkvEvent.BlockEvent b) {
        long millis = toMillis(clusterTimecode + b.block().relativeTimecode(), timecodeScaleNanos);
        for (byte[] data : b.block().frames()) {
          frames.add(new Frame(b.block().trackNumber(), millis, b.block().keyframe(), data));
        }
      }
    }
    return frames;
  }

  /** TimecodeScale units to milliseconds (rounded down). */
  public static long toMillis(long timecode, long timecodeScaleNanos) {
    if (timecodeScaleNanos == 1_000_000) {
      return timecode;
    }
    if (Math.abs(timecode) < Long.MAX_VALUE / timecodeScaleNanos) {
      return Math.floorDiv(timecode * timecodeScaleNanos, 1_000_000L);
    }
    return (long) Math.floor((double) timecode * timecodeScaleNanos / 1e6);
  }

  /** The cluster inside an unknown-size Segment, so that the reader accepts it. */
  private static byte[] framed(byte[] cluster) {
    byte[] segment = Matroska.segmentStart();
    byte[] out = new byte[segment.length + cluster.length];
    System.arraycopy(segment, 0, out, 0, segment.length);
    System.arraycopy(cluster, 0, out, segment.length, cluster.length);
    return out;
  }

  private ClusterFrames() {}
}
