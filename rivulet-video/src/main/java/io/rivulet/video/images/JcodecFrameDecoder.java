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
 * keeps earlier pictures as references), and the last picture is cropped and converted to RGB.
 * Thread-safe (no shared state).
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
    try {
      H264.AvcC avcC = H264.parseAvcC(track.codecPrivate());
      byte[] firstSps = avcC.sps().get(0);
      SeqParameterSet sps = H264Utils.readSPS(ByteBuffer.wrap(firstSps, 1, firstSps.length - 1));
      int mbWidth = sps.picWidthInMbsMinus1 + 1;
      int mbHeight = SeqParameterSet.getPicHeightInMbs(sps);
      H264Decoder decoder = H264Decoder.createH264DecoderFromCodecPrivate(
          ByteBuffer.wrap(H264.parameterSetsAnnexB(avcC)));
      Picture last = null;
      for (Frame f : frames) {
        byte[][] buffer = Picture.create(mbWidth * 16, mbHeight * 16, ColorSpace.YUV420J)
            .getData();
        byte[] annexB = H264.toAnnexB(f.data(), avcC.nalLengthSize());
        Picture p = decoder.decodeFrame(ByteBuffer.wrap(annexB), buffer);
        if (p != null) {
          last = p;
        }
      }
      if (last == null) {
        throw new DecodeException("the decoder produced no picture", null);
      }
      Picture shown = last.getCrop() == null ? last : last.cropped();
      return AWTUtil.toBufferedImage(shown);
    } catch (DecodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DecodeException("H.264 decoding failed: " + e, e);
    }
  }
}
