package io.rivulet.video.mp4;

import io.rivulet.video.store.FragmentStore.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run of video samples in decode order with their timing in {@link VideoTrack#TIMESCALE} units.
 * Matroska block timecodes are presentation times; decode times are those presentation times
 * sorted (the i-th sample decodes at the i-th smallest presentation time) and moved back by the
 * stream's reorder delay, so every composition offset is non-negative (zero without B-frames).
 * The last sample lasts until {@code endMillis} (the fragment's end), else as long as the one
 * before it. Immutable.
 *
 * @param reorderDelay ticks by which decode times precede sorted presentation times
 */
public record Samples(List<byte[]> data, boolean[] keyframe, long[] pts, long[] dts,
    int[] duration, long reorderDelay) {

  private static final long TICKS_PER_MS = VideoTrack.TIMESCALE / 1000;

  /**
   * The samples of {@code trackNumber} among {@code frames}; {@code endMillis} is the end of the
   * last frame (Long.MIN_VALUE: unknown).
   */
  public static Samples of(List<Frame> frames, long trackNumber, long endMillis) {
    List<Frame> own = new ArrayList<>();
    for (Frame f : frames) {
      if (f.trackNumber() == trackNumber) {
        own.add(f);
      }
    }
    int n = own.size();
    long[] pts = new long[n];
    boolean[] key = new boolean[n];
    List<byte[]> data = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pts[i] = own.get(i).timecodeMillis() * TICKS_PER_MS;
      key[i] = own.get(i).keyframe();
      data.add(own.get(i).data());
    }
    long[] sorted = pts.clone();
    Arrays.sort(sorted);
    long delay = 0;
    for (int i = 0; i < n; i++) {
      delay = Math.max(delay, sorted[i] - pts[i]);
    }
    long[] dts = new long[n];
    for (int i = 0; i < n; i++) {
      dts[i] = sorted[i] - delay;
    }
    int[] duration = new int[n];
    for (int i = 0; i + 1 < n; i++) {
      duration[i] = (int) Math.max(0, sorted[i + 1] - sorted[i]);
    }
    if (n > 0) {
      long end = endMillis == Long.MIN_VALUE ? Long.MIN_VALUE : endMillis * TICKS_PER_MS;
      long last = end > sorted[n - 1] ? end - sorted[n - 1] : (n > 1 ? duration[n - 2] : 0);
      duration[n - 1] = (int) (last > 0 ? last : 40 * TICKS_PER_MS);
    }
    return new Samples(List.copyOf(data), key, pts, dts, duration, delay);
  }

  /** Number of samples. */
  public int size() {
    return data.size();
  }

  /** Composition offset of sample {@code i}: presentation minus decode time (>= 0). */
  public int compositionOffset(int i) {
    return (int) (pts[i] - dts[i]);
  }

  /** Sum of the sample durations. */
  public long totalDuration() {
    long t = 0;
    for (int d : duration) {
      t += d;
    }
    return t;
  }

  /** Total payload bytes. */
  public long payloadBytes() {
    long t = 0;
    for (byte[] b : data) {
      t += b.length;
    }
    return t;
  }
}
