package io.rivulet.video.mp4;

import java.io.ByteArrayOutputStream;

/**
 * A plain ("traditional", progressive) MP4 file as GetClip returns: {@code ftyp}, a {@code moov}
 * with complete sample tables (stts, ctts when frames are reordered, stss, stsc, stsz, stco; one
 * chunk) and an edit list that starts presentation at the first frame, then one {@code mdat}.
 * The moov comes first so players can start before the download ends. Stateless and thread-safe.
 */
public final class Mp4File {
  private Mp4File() {}

  /** The whole file for {@code samples} of {@code track}. */
  public static byte[] write(VideoTrack track, Samples samples) {
    byte[] ftyp = new BoxWriter(32).start("ftyp").ascii("isom").u32(0x200)
        .ascii("isom").ascii("iso2").ascii("avc1").ascii("mp41").end().toByteArray();
    byte[] probe = moov(track, samples, 0);
    long payloadStart = (long) ftyp.length + probe.length + 8;
    byte[] moov = moov(track, samples, payloadStart);
    long payload = samples.payloadBytes();
    if (payload + 8 > 0xffffffffL) {
      throw new IllegalArgumentException("clip too large for one 32-bit mdat");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) (payloadStart + payload));
    out.writeBytes(ftyp);
    out.writeBytes(moov);
    out.writeBytes(new BoxWriter(8).u32(payload + 8).ascii("mdat").toByteArray());
    for (byte[] b : samples.data()) {
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static byte[] moov(VideoTrack track, Samples s, long chunkOffset) {
    long duration = s.totalDuration();
    BoxWriter w = new BoxWriter(1024 + 16 * s.size());
    w.start("moov");
    Mp4Boxes.mvhd(w, duration);
    w.start("trak");
    Mp4Boxes.tkhd(w, track, duration);
    w.start("edts").startFull("elst", 1, 0).u32(1).u64(duration).u64(s.reorderDelay())
        .u16(1).u16(0).end().end();
    w.start("mdia");
    Mp4Boxes.mdhd(w, duration);
    Mp4Boxes.hdlr(w);
    w.start("minf");
    Mp4Boxes.vmhdDinf(w);
    w.start("stbl");
    Mp4Boxes.stsd(w, track);
    stts(w, s);
    if (s.reorderDelay() > 0) {
      w.startFull("ctts", 0, 0).u32(s.size());
      for (int i = 0; i < s.size(); i++) {
        w.u32(1).u32(s.compositionOffset(i));
      }
      w.end();
    }
    stss(w, s);
    w.startFull("stsc", 0, 0).u32(s.size() == 0 ? 0 : 1);
    if (s.size() > 0) {
      w.u32(1).u32(s.size()).u32(1);
    }
    w.end();
    w.startFull("stsz", 0, 0).u32(0).u32(s.size());
    for (byte[] b : s.data()) {
      w.u32(b.length);
    }
    w.end();
    w.startFull("stco", 0, 0).u32(s.size() == 0 ? 0 : 1);
    if (s.size() > 0) {
      w.u32(chunkOffset);
    }
    w.end();
    w.end().end().end().end().end(); // stbl, minf, mdia, trak, moov
    return w.toByteArray();
  }

  /** Run-length coded sample durations. */
  private static void stts(BoxWriter w, Samples s) {
    w.startFull("stts", 0, 0);
    int countAt = w.position();
    w.u32(0);
    int entries = 0;
    int i = 0;
    while (i < s.size()) {
      int d = s.duration()[i];
      int run = 1;
      while (i + run < s.size() && s.duration()[i + run] == d) {
        run++;
      }
      w.u32(run).u32(d);
      entries++;
      i += run;
    }
    w.putU32(countAt, entries);
    w.end();
  }

  private static void stss(BoxWriter w, Samples s) {
    w.startFull("stss", 0, 0);
    int countAt = w.position();
    w.u32(0);
    int entries = 0;
    for (int i = 0; i < s.size(); i++) {
      if (s.keyframe()[i]) {
        w.u32(i + 1);
        entries++;
      }
    }
    w.putU32(countAt, entries);
    w.end();
  }
}
