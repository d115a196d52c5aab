package io.rivulet.video.ml;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds things in video frames for a stream processor: each call gets the next analysed frame of
 * one video stream, in order, so a detector may keep state between frames (motion detection
 * compares with the previous one). One instance per running processor; not thread-safe.
 */
public interface Detector extends AutoCloseable {

  /** The detections in {@code picture} (none is an empty list). */
  List<Detection> detect(BufferedImage picture) throws DetectorException;

  /** Releases what the detector holds (a model session). */
  @Override
  void close();

  /**
   * One thing found: a label, a confidence in percent, and a box as ratios of the frame's width
   * and height (Rekognition's BoundingBox: left and top of the box, its width and height).
   */
  record Detection(String name, double confidence, double left, double top, double width,
      double height) {}

  /** A frame could not be analysed (the model failed); the processor fails with the message. */
  final class DetectorException extends Exception {
    private static final long serialVersionUID = 1L;

    public DetectorException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
