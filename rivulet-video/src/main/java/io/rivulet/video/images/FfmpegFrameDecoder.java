package io.rivulet.video.images;

import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * An optional {@link FrameDecoder} that runs the {@code ffmpeg} binary: the frames are written as
 * an Annex B H.264 file (parameter sets first), ffmpeg decodes them all and writes the last one as
 * PNG, which is read back. Faster than jcodec on large pictures and more tolerant of streams jcodec
 * does not handle (interlaced, 10-bit), at the cost of a process start (~0.1-0.4 s) per call.
 * Thread-safe (each call has its own files and process).
 */
public final class FfmpegFrameDecoder implements FrameDecoder {
  private final String ffmpeg;
  private final long timeoutMillis;

  /** Uses {@code ffmpeg} (an absolute path or a name on PATH), each call bounded by the timeout. */
  public FfmpegFrameDecoder(String ffmpeg, long timeoutMillis) {
    this.ffmpeg = ffmpeg;
    this.timeoutMillis = timeoutMillis;
  }

  /** True if {@code ffmpeg -version} runs. */
  public static boolean available(String ffmpeg) {
    try {
      Process p = new ProcessBuilder(ffmpeg, "-version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean supports(TrackInfo track) {
    return H264.CODEC_ID.equals(track.codecId()) && track.codecPrivate() != null;
  }

  @Override
  public BufferedImage decode(TrackInfo track, List<Frame> frames) throws DecodeException {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("rivulet-ffmpeg-decode");
      H264.AvcC avcC = H264.parseAvcC(track.codecPrivate());
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      in.writeBytes(H264.parameterSetsAnnexB(avcC));
      for (Frame f : frames) {
        in.writeBytes(H264.toAnnexB(f.data(), avcC.nalLengthSize()));
      }
      Path input = Files.write(dir.resolve("in.h264"), in.toByteArray());
      Path output = dir.resolve("out.png");
      Process p = new ProcessBuilder(ffmpeg, "-nostdin", "-loglevel", "error", "-f", "h264",
          "-i", input.toString(), "-vf", "select=eq(n\\," + (frames.size() - 1) + ")",
          "-frames:v", "1", "-y", output.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
      if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new DecodeException("ffmpeg took longer than " + timeoutMillis + " ms", null);
      }
      if (p.exitValue() != 0 || !Files.exists(output)) {
        throw new DecodeException("ffmpeg failed: "
            + Files.readString(dir.resolve("log.txt")).strip(), null);
      }
      BufferedImage image = ImageIO.read(output.toFile());
      if (image == null) {
        throw new DecodeException("ffmpeg wrote no readable picture", null);
      }
      return image;
    } catch (IOException | IllegalArgumentException e) {
      throw new DecodeException("ffmpeg decoding failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DecodeException("interrupted", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary file left behind; nothing to report to the caller
    }
  }
}
