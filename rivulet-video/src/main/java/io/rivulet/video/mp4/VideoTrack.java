package io.rivulet.video.mp4;

import io.rivulet.video.store.FragmentStore.TrackInfo;

/**
 * An H.264 video track as the muxers need it: pixel size and the parsed avcC. Immutable.
 *
 * @param width pixels (from the Matroska track, else from the SPS)
 * @param height pixels
 */
public record VideoTrack(int width, int height, AvcConfig avc) {

  /** Codec ID of H.264 tracks in Matroska. */
  public static final String H264_CODEC_ID = "V_MPEG4/ISO/AVC";

  /** Timescale of the muxed tracks: 90 kHz, as MPEG-TS uses, so milliseconds convert exactly. */
  public static final int TIMESCALE = 90_000;

  /** The track built from a stored Matroska track (throws IllegalArgumentException on bad avcC). */
  public static VideoTrack of(TrackInfo track) {
    AvcConfig avc = AvcConfig.parse(track.codecPrivate());
    if (track.pixelWidth() > 0 && track.pixelHeight() > 0) {
      return new VideoTrack(track.pixelWidth(), track.pixelHeight(), avc);
    }
    int[] size = SpsSize.of(avc.sps().get(0));
    return new VideoTrack(size[0], size[1], avc);
  }
}
