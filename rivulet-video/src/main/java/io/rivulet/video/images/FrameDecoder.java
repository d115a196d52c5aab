package io.rivulet.video.images;

import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Turns coded video frames into a picture: given a track (codec and codec private data) and the
 * frames from a keyframe up to and including the wanted one, returns the wanted (last) frame's
 * picture. GetImages calls it; the default is {@link JcodecFrameDecoder} (pure Java, H.264), and
 * {@link FfmpegFrameDecoder} is the optional faster one. Implementations are thread-safe.
 */
public interface FrameDecoder {

  /** True if this decoder handles the track's codec (e.g. {@code V_MPEG4/ISO/AVC}). */
  boolean supports(TrackInfo track);

  /**
   * The last frame of {@code frames} decoded; {@code frames} starts with a keyframe and holds
   * that track's frames only, in decoding order.
   *
   * @throws DecodeException when the frames cannot be decoded
   */
  BufferedImage decode(TrackInfo track, List<Frame> frames) throws DecodeException;

  /**
   * A decoding pass that pictures can be taken from as it goes: frames are fed in decoding order
   * from a keyframe, and {@link Session#picture()} is the last one fed. GetImages uses one per
   * fragment so several instants of one fragment decode each frame once. This default keeps the
   * frames and decodes them all on each {@code picture()} call.
   */
  default Session open(TrackInfo track) {
    List<Frame> fed = new java.util.ArrayList<>();
    return new Session() {
      @Override
      public void feed(Frame frame) {
        fed.add(frame);
      }

      @Override
      public BufferedImage picture() throws DecodeException {
        return decode(track, fed);
      }
    };
  }

  /** One decoding pass; not thread-safe. */
  interface Session {
    /** Decodes (or keeps) the next frame. */
    void feed(Frame frame) throws DecodeException;

    /** The picture of the last frame fed. */
    BufferedImage picture() throws DecodeException;
  }

  /** The frames could not be decoded (GetImages answers MEDIA_ERROR for that instant). */
  final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
