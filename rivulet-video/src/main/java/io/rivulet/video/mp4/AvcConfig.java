package io.rivulet.video.mp4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An H.264 AVCDecoderConfigurationRecord ("avcC", ISO/IEC 14496-15 §5.2.4.1), the CodecPrivate
 * of a Matroska {@code V_MPEG4/ISO/AVC} track, parsed. Layout:
 *
 * <pre>
 * offset size field
 * 0      1    configurationVersion (1)
 * 1      1    AVCProfileIndication
 * 2      1    profile_compatibility
 * 3      1    AVCLevelIndication
 * 4      1    0b111111 + lengthSizeMinusOne (2 bits)
 * 5      1    0b111 + numOfSequenceParameterSets (5 bits)
 * 6      ...  per SPS: 2-byte length + NAL unit
 * ...    1    numOfPictureParameterSets
 * ...    ...  per PPS: 2-byte length + NAL unit
 * </pre>
 *
 * Immutable.
 */
public record AvcConfig(byte[] raw, int profile, int compatibility, int level, int nalLengthSize,
    List<byte[]> sps, List<byte[]> pps) {

  /** Parses {@code avcC}; throws IllegalArgumentException when it is not a valid record. */
  public static AvcConfig parse(byte[] avcC) {
    if (avcC == null || avcC.length < 7 || avcC[0] != 1) {
      throw new IllegalArgumentException("not an AVCDecoderConfigurationRecord");
    }
    int pos = 5;
    List<byte[]> sps = new ArrayList<>();
    int spsCount = avcC[pos++] & 0x1f;
    for (int i = 0; i < spsCount; i++) {
      pos = readParameterSet(avcC, pos, sps);
    }
    if (pos >= avcC.length) {
      throw new IllegalArgumentException("avcC ends before its PPS count");
    }
    List<byte[]> pps = new ArrayList<>();
    int ppsCount = avcC[pos++] & 0xff;
    for (int i = 0; i < ppsCount; i++) {
      pos = readParameterSet(avcC, pos, pps);
    }
    if (sps.isEmpty() || pps.isEmpty()) {
      throw new IllegalArgumentException("avcC has no SPS or no PPS");
    }
    return new AvcConfig(avcC.clone(), avcC[1] & 0xff, avcC[2] & 0xff, avcC[3] & 0xff,
        (avcC[4] & 0x03) + 1, List.copyOf(sps), List.copyOf(pps));
  }

  private static int readParameterSet(byte[] b, int pos, List<byte[]> out) {
    if (pos + 2 > b.length) {
      throw new IllegalArgumentException("avcC truncated");
    }
    int len = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
    if (pos + 2 + len > b.length || len == 0) {
      throw new IllegalArgumentException("avcC parameter set truncated");
    }
    byte[] nal = new byte[len];
    System.arraycopy(b, pos + 2, nal, 0, len);
    out.add(nal);
    return pos + 2 + len;
  }

  /** The RFC 6381 codec string, e.g. {@code avc1.42c01e}, as HLS CODECS and DASH codecs want. */
  public String codecString() {
    return String.format("avc1.%02x%02x%02x", profile, compatibility, level);
  }

  /**
   * An AVCC sample (NAL units each prefixed by a {@link #nalLengthSize}-byte length) as Annex B
   * (start codes), with SPS and PPS inserted before the first slice when {@code withParameterSets}
   * (MPEG-TS keyframes), and an access unit delimiter first (as H.264 in MPEG-TS requires).
   */
  public byte[] toAnnexB(byte[] sample, boolean withParameterSets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sample.length + 64);
    writeNal(out, new byte[] {0x09, (byte) 0xf0});
    boolean parameterSetsWritten = !withParameterSets;
    int pos = 0;
    while (pos + nalLengthSize <= sample.length) {
      int len = 0;
      for (int i = 0; i < nalLengthSize; i++) {
        len = (len << 8) | (sample[pos + i] & 0xff);
      }
      pos += nalLengthSize;
      if (len <= 0 || pos + len > sample.length) {
        break;
      }
      int type = sample[pos] & 0x1f;
      if (type == 9) {
        pos += len;
        continue;
      }
      if (!parameterSetsWritten && (type == 1 || type == 5)) {
        sps.forEach(s -> writeNal(out, s));
        pps.forEach(p -> writeNal(out, p));
        parameterSetsWritten = true;
      }
      out.write(0);
      out.write(0);
      out.write(0);
      out.write(1);
      out.write(sample, pos, len);
      pos += len;
    }
    return out.toByteArray();
  }

  private static void writeNal(ByteArrayOutputStream out, byte[] nal) {
    out.write(0);
    out.write(0);
    out.write(0);
    out.write(1);
    out.write(nal, 0, nal.length);
  }
}
