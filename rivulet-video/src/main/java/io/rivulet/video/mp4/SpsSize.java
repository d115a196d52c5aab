package io.rivulet.video.mp4;

/**
 * The picture size an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) declares: macroblock
 * counts, frame_mbs_only and the cropping window, read after removing emulation prevention bytes.
 * For tracks whose Matroska header carries no pixel size. An instance reads one SPS and is not
 * thread-safe; {@link #of} is.
 */
final class SpsSize {
  /** Profiles whose SPS carries chroma format, bit depths and scaling matrices. */
  private static final java.util.Set<Integer> HIGH_PROFILES =
      java.util.Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

  private final byte[] rbsp;
  private int bit;

  private SpsSize(byte[] rbsp) {
    this.rbsp = rbsp;
  }

  /** {width, height} in pixels; IllegalArgumentException when the SPS does not parse. */
  static int[] of(byte[] sps) {
    try {
      return new SpsSize(unescape(sps)).parse();
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("SPS truncated");
    }
  }

  private int[] parse() {
    bit = 8; // NAL header
    int profile = bits(8);
    bits(16); // constraint flags, level
    ue(); // seq_parameter_set_id
    int chroma = 1;
    boolean separate = false;
    if (HIGH_PROFILES.contains(profile)) {
      chroma = ue();
      separate = chroma == 3 && bits(1) == 1;
      skipHighProfileFields(chroma);
    }
    ue(); // log2_max_frame_num_minus4
    int pocType = ue();
    if (pocType == 0) {
      ue();
    } else if (pocType == 1) {
      bits(1);
      se();
      se();
      int n = ue();
      for (int i = 0; i < n; i++) {
        se();
      }
    }
    ue(); // max_num_ref_frames
    bits(1); // gaps_in_frame_num_value_allowed_flag
    int widthMbs = ue() + 1;
    int heightMapUnits = ue() + 1;
    int frameMbsOnly = bits(1);
    if (frameMbsOnly == 0) {
      bits(1); // mb_adaptive_frame_field_flag
    }
    bits(1); // direct_8x8_inference_flag
    int width = widthMbs * 16;
    int height = (2 - frameMbsOnly) * heightMapUnits * 16;
    if (bits(1) == 1) {
      int left = ue();
      int right = ue();
      int top = ue();
      int bottom = ue();
      int arrayType = separate ? 0 : chroma;
      int cropX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2);
      int cropY = (arrayType == 0 ? 1 : (arrayType == 1 ? 2 : 1)) * (2 - frameMbsOnly);
      width -= (left + right) * cropX;
      height -= (top + bottom) * cropY;
    }
    return new int[] {width, height};
  }

  /** Bit depths, the transform bypass flag and the scaling matrices of the high profiles. */
  private void skipHighProfileFields(int chroma) {
    ue(); // bit_depth_luma_minus8
    ue(); // bit_depth_chroma_minus8
    bits(1); // qpprime_y_zero_transform_bypass_flag
    if (bits(1) == 1) {
      for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
        if (bits(1) == 1) {
          skipScalingList(i < 6 ? 16 : 64);
        }
      }
    }
  }

  private void skipScalingList(int size) {
    int last = 8;
    int next = 8;
    for (int j = 0; j < size; j++) {
      if (next != 0) {
        next = (last + se() + 256) % 256;
      }
      last = next == 0 ? last : next;
    }
  }

  private int bits(int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | ((rbsp[bit >> 3] >> (7 - (bit & 7))) & 1);
      bit++;
    }
    return v;
  }

  private int ue() {
    int zeros = 0;
    while (bits(1) == 0) {
      zeros++;
      if (zeros > 31) {
        throw new IllegalArgumentException("bad Exp-Golomb code in SPS");
      }
    }
    return (int) ((1L << zeros) - 1 + (zeros == 0 ? 0 : bits(zeros) & 0xffffffffL));
  }

  private int se() {
    int k = ue();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }

  /** The NAL unit without its 0x000003 emulation prevention bytes. */
  private static byte[] unescape(byte[] nal) {
    byte[] out = new byte[nal.length];
    int n = 0;
    int zeros = 0;
    for (byte b : nal) {
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out[n++] = b;
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
