package io.rivulet.video.mp4;

/**
 * Fragmented MP4 (ISO/IEC 14496-12 with 14496-15 for H.264) for HLS, DASH and CMAF players: an
 * initialisation segment ({@code ftyp}, {@code moov} with one {@code avc1} track and empty sample
 * tables, {@code mvex/trex}) and media segments ({@code moof} with {@code mfhd}, {@code
 * traf(tfhd, tfdt, trun)}, then {@code mdat}) holding AVCC samples as they were stored. Track 1,
 * timescale {@link VideoTrack#TIMESCALE}. Stateless and thread-safe.
 */
public final class FragmentedMp4 {
  static final int TRACK_ID = 1;
  private static final int SAMPLE_NON_SYNC = 0x00010000;
  private static final int SAMPLE_SYNC = 0x02000000;

  private FragmentedMp4() {}

  /** {@code ftyp} + {@code moov} for {@code track}. */
  public static byte[] initSegment(VideoTrack track) {
    BoxWriter w = new BoxWriter(1024);
    w.start("ftyp").ascii("iso6").u32(1).ascii("iso6").ascii("cmfc").ascii("avc1").ascii("mp41").end();
    w.start("moov");
    Mp4Boxes.mvhd(w, 0);
    w.start("trak");
    Mp4Boxes.tkhd(w, track, 0);
    w.start("mdia");
    Mp4Boxes.mdhd(w, 0);
    Mp4Boxes.hdlr(w);
    w.start("minf");
    Mp4Boxes.vmhdDinf(w);
    w.start("stbl");
    Mp4Boxes.stsd(w, track);
    w.startFull("stts", 0, 0).u32(0).end();
    w.startFull("stsc", 0, 0).u32(0).end();
    w.startFull("stsz", 0, 0).u32(0).u32(0).end();
    w.startFull("stco", 0, 0).u32(0).end();
    w.end().end().end().end(); // stbl, minf, mdia, trak
    w.start("mvex");
    w.startFull("trex", 0, 0).u32(TRACK_ID).u32(1).u32(0).u32(0).u32(0).end();
    w.end();
    w.end(); // moov
    return w.toByteArray();
  }

  /**
   * One media segment: {@code moof} (sequence number {@code sequence}, base media decode time
   * the first sample's decode time) and {@code mdat} with the samples.
   */
  public static byte[] mediaSegment(long sequence, Samples s) {
    int n = s.size();
    BoxWriter w = new BoxWriter((int) Math.min(Integer.MAX_VALUE - 64, s.payloadBytes() + 64L + 16L * n + 128));
    int moofStart = w.position();
    w.start("moof");
    w.startFull("mfhd", 0, 0).u32(sequence).end();
    w.start("traf");
    // default-base-is-moof: data offsets count from the moof's first byte
    w.startFull("tfhd", 0, 0x020000).u32(TRACK_ID).end();
    w.startFull("tfdt", 1, 0).u64(n == 0 ? 0 : s.dts()[0]).end();
    boolean offsets = s.reorderDelay() > 0;
    int flags = 0x000001 | 0x000100 | 0x000200 | 0x000400 | (offsets ? 0x000800 : 0);
    w.startFull("trun", 0, flags).u32(n);
    int dataOffsetAt = w.position();
    w.u32(0);
    for (int i = 0; i < n; i++) {
      w.u32(s.duration()[i]).u32(s.data().get(i).length);
      w.u32(s.keyframe()[i] ? SAMPLE_SYNC : SAMPLE_NON_SYNC);
      if (offsets) {
        w.u32(s.compositionOffset(i));
      }
    }
    w.end().end().end(); // trun, traf, moof
    w.putU32(dataOffsetAt, w.position() - moofStart + 8L);
    w.start("mdat");
    for (byte[] sample : s.data()) {
      w.bytes(sample);
    }
    w.end();
    return w.toByteArray();
  }
}
