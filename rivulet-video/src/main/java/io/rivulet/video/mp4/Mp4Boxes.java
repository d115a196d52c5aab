package io.rivulet.video.mp4;

/**
 * The movie-header boxes shared by the fragmented and the plain MP4 writers (mvhd, tkhd, mdhd,
 * hdlr, vmhd/dinf, stsd with avc1/avcC). Durations are in {@link VideoTrack#TIMESCALE} units.
 * Stateless and thread-safe.
 */
final class Mp4Boxes {
  private Mp4Boxes() {}

  static void mvhd(BoxWriter w, long duration) {
    w.startFull("mvhd", 1, 0).u64(0).u64(0).u32(VideoTrack.TIMESCALE).u64(duration);
    w.u32(0x00010000).u16(0x0100).zeros(10).matrix().zeros(24).u32(FragmentedMp4.TRACK_ID + 1);
    w.end();
  }

  static void tkhd(BoxWriter w, VideoTrack t, long duration) {
    // flags: enabled, in movie, in preview
    w.startFull("tkhd", 1, 0x000007).u64(0).u64(0).u32(FragmentedMp4.TRACK_ID).u32(0).u64(duration);
    w.zeros(8).u16(0).u16(0).u16(0).u16(0).matrix();
    w.u32((long) t.width() << 16).u32((long) t.height() << 16);
    w.end();
  }

  static void mdhd(BoxWriter w, long duration) {
    // language "und" packed as three 5-bit letters
    w.startFull("mdhd", 1, 0).u64(0).u64(0).u32(VideoTrack.TIMESCALE).u64(duration).u16(0x55c4).u16(0);
    w.end();
  }

  static void hdlr(BoxWriter w) {
    w.startFull("hdlr", 0, 0).u32(0).ascii("vide").zeros(12).ascii("VideoHandler").u8(0).end();
  }

  static void vmhdDinf(BoxWriter w) {
    w.startFull("vmhd", 0, 1).u16(0).zeros(6).end();
    w.start("dinf");
    w.startFull("dref", 0, 0).u32(1).startFull("url ", 0, 1).end().end();
    w.end();
  }

  static void stsd(BoxWriter w, VideoTrack t) {
    w.startFull("stsd", 0, 0).u32(1);
    w.start("avc1").zeros(6).u16(1); // reserved, data_reference_index
    w.zeros(16).u16(t.width()).u16(t.height());
    w.u32(0x00480000).u32(0x00480000).u32(0).u16(1); // 72 dpi, reserved, frame_count
    w.zeros(32).u16(0x0018).u16(0xffff); // compressorname, depth, pre_defined
    w.start("avcC").bytes(t.avc().raw()).end();
    w.end().end();
  }
}
