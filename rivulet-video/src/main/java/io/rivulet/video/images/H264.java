package io.rivulet.video.images;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * H.264 in Matroska: reading the avcC record ({@code V_MPEG4/ISO/AVC} CodecPrivate: version,
 * profile, compatibility, level, {@code 0xFC | lengthSizeMinusOne}, {@code 0xE0 | numSps}, each
 * SPS as u16 length + bytes, numPps, each PPS likewise) and rewriting AVCC frames (NAL units each
 * prefixed by a big-endian length of 1, 2 or 4 bytes) as an Annex B byte stream (each NAL unit
 * after a {@code 00 00 00 01} start code). Stateless and thread-safe.
 */
public final class H264 {
  public static final String CODEC_ID = "V_MPEG4/ISO/AVC";
  private static final byte[] START_CODE = {0, 0, 0, 1};

  private H264() {}

  /** A parsed avcC record: NAL length size and the parameter sets. */
  public record AvcC(int nalLengthSize, List<byte[]> sps, List<byte[]> pps) {}

  /** Parses an avcC record; IllegalArgumentException when it is malformed. */
  public static AvcC parseAvcC(byte[] avcC) {
    if (avcC == null || avcC.length < 7 || avcC[0] != 1) {
      throw new IllegalArgumentException("not an avcC record");
    }
    int nalLengthSize = (avcC[4] & 0x03) + 1;
    int at = 5;
    List<byte[]> sps = new ArrayList<>();
    int numSps = avcC[at++] & 0x1F;
    at = readSets(avcC, at, numSps, sps);
    if (at >= avcC.length) {
      throw new IllegalArgumentException("avcC record ends before its PPS count");
    }
    List<byte[]> pps = new ArrayList<>();
    int numPps = avcC[at++] & 0xFF;
    readSets(avcC, at, numPps, pps);
    if (sps.isEmpty() || pps.isEmpty()) {
      throw new IllegalArgumentException("avcC record without SPS or PPS");
    }
    return new AvcC(nalLengthSize, sps, pps);
  }

  private static int readSets(byte[] b, int at, int count, List<byte[]> out) {
    for (int i = 0; i < count; i++) {
      if (at + 2 > b.length) {
        throw new IllegalArgumentException("avcC record truncated");
      }
      int len = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
      at += 2;
      if (at + len > b.length) {
        throw new IllegalArgumentException("avcC record truncated");
      }
      out.add(java.util.Arrays.copyOfRange(b, at, at + len));
      at += len;
    }
    return at;
  }

  /** The parameter sets as Annex B (to put before the first frame). */
  public static byte[] parameterSetsAnnexB(AvcC avcC) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] s : avcC.sps()) {
      out.writeBytes(START_CODE);
      out.writeBytes(s);
    }
    for (byte[] p : avcC.pps()) {
      out.writeBytes(START_CODE);
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** One AVCC frame as Annex B; IllegalArgumentException when a length runs past the end. */
  public static byte[] toAnnexB(byte[] frame, int nalLengthSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length + 16);
    int at = 0;
    while (at + nalLengthSize <= frame.length) {
      int len = 0;
      for (int i = 0; i < nalLengthSize; i++) {
        len = (len << 8) | (frame[at + i] & 0xFF);
      }
      at += nalLengthSize;
      if (len < 0 || at + len > frame.length) {
        throw new IllegalArgumentException("NAL unit length " + len + " runs past the frame");
      }
      out.writeBytes(START_CODE);
      out.write(frame, at, len);
      at += len;
    }
    return out.toByteArray();
  }
}
