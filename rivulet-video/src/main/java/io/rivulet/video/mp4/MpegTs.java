package io.rivulet.video.mp4;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * MPEG-2 transport stream segments (ISO/IEC 13818-1) for HLS's MPEG_TS container: each segment
 * starts with a PAT (program 1, PMT on PID {@value #PMT_PID}) and a PMT (one H.264 stream, type
 * 0x1B, on PID {@value #VIDEO_PID}, which also carries the PCR), then one PES per access unit
 * (stream id 0xE0, unbounded length, PTS and DTS at 90 kHz modulo 2^33), the AVCC samples turned
 * into Annex B with an access unit delimiter and SPS/PPS before each keyframe. A keyframe's first
 * packet carries the random access indicator; every PES's first packet carries a PCR 100 ms
 * before its DTS. Segments are requested independently, so each PID's first packet in a segment
 * sets the discontinuity indicator and its continuity counter restarts at 0. Stateless and
 * thread-safe.
 */
public final class MpegTs {
  static final int PMT_PID = 0x1000;
  static final int VIDEO_PID = 0x100;
  private static final int PACKET = 188;
  private static final long WRAP = 1L << 33;
  private static final long PCR_LEAD = 9000;

  private MpegTs() {}

  /** A segment holding {@code samples} of {@code track}. */
  public static byte[] segment(VideoTrack track, Samples samples) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
        samples.payloadBytes() * 11 / 10 + 2048));
    Packetizer ts = new Packetizer(out);
    ts.section(0, pat());
    ts.section(PMT_PID, pmt());
    for (int i = 0; i < samples.size(); i++) {
      boolean key = samples.keyframe()[i];
      byte[] es = track.avc().toAnnexB(samples.data().get(i), key);
      long pts = samples.pts()[i] % WRAP;
      long dts = samples.dts()[i] % WRAP;
      byte[] pes = pes(es, pts, dts);
      long pcr = Math.floorMod(dts - PCR_LEAD, WRAP);
      ts.pes(VIDEO_PID, pes, key, pcr);
    }
    return out.toByteArray();
  }

  private static byte[] pat() {
    byte[] s = {0x00, (byte) 0xb0, 0x0d, 0x00, 0x01, (byte) 0xc1, 0x00, 0x00,
        0x00, 0x01, (byte) (0xe0 | (PMT_PID >> 8)), (byte) PMT_PID, 0, 0, 0, 0};
    return withCrc(s);
  }

  private static byte[] pmt() {
    byte[] s = {0x02, (byte) 0xb0, 0x12, 0x00, 0x01, (byte) 0xc1, 0x00, 0x00,
        (byte) (0xe0 | (VIDEO_PID >> 8)), (byte) VIDEO_PID, (byte) 0xf0, 0x00,
        0x1b, (byte) (0xe0 | (VIDEO_PID >> 8)), (byte) VIDEO_PID, (byte) 0xf0, 0x00, 0, 0, 0, 0};
    return withCrc(s);
  }

  /** Fills the last four bytes of a PSI section with its CRC-32/MPEG-2. */
  private static byte[] withCrc(byte[] s) {
    int crc = crc32Mpeg(s, s.length - 4);
    s[s.length - 4] = (byte) (crc >>> 24);
    s[s.length - 3] = (byte) (crc >>> 16);
    s[s.length - 2] = (byte) (crc >>> 8);
    s[s.length - 1] = (byte) crc;
    return s;
  }

  static int crc32Mpeg(byte[] data, int len) {
    int crc = 0xffffffff;
    for (int i = 0; i < len; i++) {
      crc ^= (data[i] & 0xff) << 24;
      for (int b = 0; b < 8; b++) {
        crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
      }
    }
    return crc;
  }

  private static byte[] pes(byte[] es, long pts, long dts) {
    boolean both = pts != dts;
    int headerData = both ? 10 : 5;
    byte[] p = new byte[9 + headerData + es.length];
    p[2] = 1;
    p[3] = (byte) 0xe0;
    // PES_packet_length 0: unbounded, allowed for video in transport streams
    p[6] = (byte) 0x80;
    p[7] = (byte) (both ? 0xc0 : 0x80);
    p[8] = (byte) headerData;
    timestamp(p, 9, both ? 0x3 : 0x2, pts);
    if (both) {
      timestamp(p, 14, 0x1, dts);
    }
    System.arraycopy(es, 0, p, 9 + headerData, es.length);
    return p;
  }

  private static void timestamp(byte[] p, int at, int prefix, long t) {
    p[at] = (byte) ((prefix << 4) | (int) (((t >> 30) & 0x07) << 1) | 1);
    p[at + 1] = (byte) (t >> 22);
    p[at + 2] = (byte) ((((t >> 15) & 0x7f) << 1) | 1);
    p[at + 3] = (byte) (t >> 7);
    p[at + 4] = (byte) (((t & 0x7f) << 1) | 1);
  }

  /** Splits PSI sections and PES packets into 188-byte packets; tracks continuity counters. */
  private static final class Packetizer {
    private final ByteArrayOutputStream out;
    private final int[] cc = new int[0x2000];
    private final boolean[] seen = new boolean[0x2000];
    private final byte[] pkt = new byte[PACKET];

    Packetizer(ByteArrayOutputStream out) {
      this.out = out;
    }

    void section(int pid, byte[] section) {
      byte[] payload = new byte[section.length + 1]; // pointer_field 0
      System.arraycopy(section, 0, payload, 1, section.length);
      packet(pid, true, payload, 0, payload.length, false, -1, true);
    }

    void pes(int pid, byte[] pes, boolean randomAccess, long pcr) {
      int pos = 0;
      boolean first = true;
      while (pos < pes.length) {
        pos += packet(pid, first, pes, pos, pes.length - pos, first && randomAccess,
            first ? pcr : -1, false);
        first = false;
      }
    }

    /** Writes one packet with as much of {@code data} as fits; returns the bytes taken. */
    private int packet(int pid, boolean start, byte[] data, int off, int len, boolean rai,
        long pcr, boolean psiStuffing) {
      boolean discontinuity = !seen[pid];
      seen[pid] = true;
      int afLen = (discontinuity || rai || pcr >= 0) ? 2 + (pcr >= 0 ? 6 : 0) : 0;
      int room = PACKET - 4 - afLen;
      int take = Math.min(len, room);
      int stuff = psiStuffing ? 0 : room - take;
      if (stuff > 0 && afLen == 0) {
        afLen = 1; // an adaptation field of length 0 is one byte
        stuff--;
        if (stuff > 0) {
          afLen = 2;
          stuff--;
        }
      }
      Arrays.fill(pkt, (byte) 0xff);
      pkt[0] = 0x47;
      pkt[1] = (byte) ((start ? 0x40 : 0) | (pid >> 8));
      pkt[2] = (byte) pid;
      pkt[3] = (byte) ((afLen + stuff > 0 ? 0x30 : 0x10) | cc[pid]);
      cc[pid] = (cc[pid] + 1) & 0x0f;
      int p = 4;
      if (afLen + stuff > 0) {
        pkt[p++] = (byte) (afLen + stuff - 1);
        if (afLen > 1) {
          pkt[p++] = (byte) ((discontinuity ? 0x80 : 0) | (rai ? 0x40 : 0) | (pcr >= 0 ? 0x10 : 0));
          if (pcr >= 0) {
            pkt[p++] = (byte) (pcr >> 25);
            pkt[p++] = (byte) (pcr >> 17);
            pkt[p++] = (byte) (pcr >> 9);
            pkt[p++] = (byte) (pcr >> 1);
            pkt[p++] = (byte) (((pcr & 1) << 7) | 0x7e);
            pkt[p++] = 0;
          }
        }
        p += stuff; // stuffing bytes stay 0xff
      }
      System.arraycopy(data, off, pkt, p, take);
      out.write(pkt, 0, PACKET);
      return take;
    }
  }
}
