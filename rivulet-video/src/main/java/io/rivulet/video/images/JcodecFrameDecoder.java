package io.rivulet.video.images;

import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.List;
import org.jcodec.codecs.h264.H264Decoder;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.scale.AWTUtil;

/**
 * The default {@link FrameDecoder}: H.264 (progressive, 8-bit; baseline, main and high profile)
 * decoded in pure Java by jcodec. A decoder is made per call from the track's avcC (SPS/PPS), the
 * frames are fed as Annex B from the keyframe on, each into a fresh picture buffer (the decoder
 * keeps earlier pictures as references), and the last picture is cropped and converted to RGB;
 * {@link #open} keeps one decoder across calls. Thread-safe (no shared state).
 */
public final class JcodecFrameDecoder implements FrameDecoder {

  @Override
  public boolean supports(TrackInfo track) {
    return H264.CODEC_ID.equals(track.codecId()) && track.codecPrivate() != null;
  }

  @Override
  public BufferedImage decode(TrackInfo track, List<Frame> frames) throws DecodeException {
    if (frames.isEmpty()) {
      throw new DecodeException("no frames", null);
    }
    Session session = open(track);
    for (Frame f : frames) {
      session.feed(f);
    }
    return session.picture();
  }

  @Override
  public Session open(TrackInfo track) {
    return new JcodecSession(track);
  }

  /** One H.264 decoder fed frame by frame. */
  private static final class JcodecSession implements Session {
    private final TrackInfo track;
    private H264.AvcC avcC;
    private H264Decoder decoder;
    private int mbWidth;
    private int mbHeight;
    private Picture last;

    JcodecSession(TrackInfo track) {
      this.track = track;
    }

    @Override
    public void feed(Frame frame) throws DecodeException {
      try {
        if (decoder == null) {
          start();
        }
        // a fresh buffer per frame: the decoder keeps earlier pictures as references
        byte[][] buffer = Picture.create(mbWidth * 16, mbHeight * 16, ColorSpace.YUV420J)
            .getData();
        Picture p = decoder.decodeFrame(ByteBuffer.wrap(H264.toAnnexB(frame.data(),
            avcC.nalLengthSize())), buffer);
        if (p != null) {
          last = p;
        }
      } catch (RuntimeException e) {
        throw new DecodeException("H.264 decoding failed: " + e, e);
      }
    }

    private void start() {
      avcC = H264.parseAvcC(track.codecPrivate());
      byte[] firstSps = avcC.sps().get(0);
      SeqParameterSet sps = H264Utils.readSPS(ByteBuffer.wrap(firstSps, 1, firstSps.length - 1));
      mbWidth = sps.picWidthInMbsMinus1 + 1;
      mbHeight = SeqParameterSet.getPicHeightInMbs(sps);
      decoder = H264Decoder.createH264DecoderFromCodecPrivate(
          ByteBuffer.wrap(H264.parameterSetsAnnexB(avcC)));
    }

    @Override
    public BufferedImage picture() throws DecodeException {
      if (last == null) {
        throw new DecodeException("the decoder produced no picture", null);
      }
      try {
        return AWTUtil.toBufferedImage(last.getCrop() == null ? last : last.cropped());
      } catch (RuntimeException e) {
        throw new DecodeException("H.264 picture conversion failed: " + e, e);
      }
    }
  }
}
