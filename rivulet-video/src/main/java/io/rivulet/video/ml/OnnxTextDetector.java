package io.rivulet.video.ml;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plug-in detector: a DBNet-style text detector in ONNX form (such as PP-OCRv4's
 * {@code ch_PP-OCRv4_det_infer.onnx}) run with ONNX Runtime on the CPU. The frame is scaled so its
 * longer side is at most {@value #MAX_SIDE} pixels and both sides are multiples of 32, fed as a
 * {@code [1, 3, H, W]} float tensor (blue, green, red planes, each normalised with ImageNet's mean
 * and standard deviation, as PaddleOCR feeds it), and the output probability map is cut at
 * {@value #THRESHOLD}; each connected region of at least {@value #MIN_PIXELS} pixels is one
 * {@code Text} detection whose confidence is its mean probability. Not thread-safe (one per
 * processor; the session itself is shared safely by ONNX Runtime).
 */
public final class OnnxTextDetector implements Detector {
  static final String LABEL = "Text";
  static final int MAX_SIDE = 640;
  static final double THRESHOLD = 0.3;
  static final int MIN_PIXELS = 16;
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  private final OrtEnvironment env;
  private final OrtSession session;
  private final String input;

  /** Loads the model; IllegalArgumentException when ONNX Runtime cannot. */
  public OnnxTextDetector(Path model) {
    try {
      env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      session = env.createSession(model.toString(), options);
      input = session.getInputNames().iterator().next();
    } catch (OrtException e) {
      throw new IllegalArgumentException("cannot load the ONNX model " + model + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public List<Detection> detect(BufferedImage picture) throws DetectorException {
    double scale = Math.min(1.0, MAX_SIDE / (double) Math.max(picture.getWidth(),
        picture.getHeight()));
    int w = Math.max(32, (int) Math.round(picture.getWidth() * scale / 32) * 32);
    int h = Math.max(32, (int) Math.round(picture.getHeight() * scale / 32) * 32);
    float[] tensor = planes(scaled(picture, w, h), w, h);
    try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor),
        new long[] {1, 3, h, w});
        OrtSession.Result result = session.run(Map.of(input, in))) {
      OnnxTensor out = (OnnxTensor) result.get(0);
      long[] shape = out.getInfo().getShape();
      int ow = (int) shape[shape.length - 1];
      int oh = (int) shape[shape.length - 2];
      FloatBuffer map = out.getFloatBuffer();
      float[] probabilities = new float[ow * oh];
      map.get(probabilities);
      return regions(probabilities, ow, oh);
    } catch (OrtException e) {
      throw new DetectorException("the ONNX model failed on a frame: " + e.getMessage(), e);
    }
  }

  private static List<Detection> regions(float[] p, int w, int h) {
    boolean[] text = new boolean[p.length];
    for (int i = 0; i < p.length; i++) {
      text[i] = p[i] > THRESHOLD;
    }
    List<Detection> out = new ArrayList<>();
    for (Boxes.Region r : Boxes.regions(text, w, h)) {
      if (r.cells() < MIN_PIXELS) {
        continue;
      }
      double sum = 0;
      int n = 0;
      for (int y = r.minY(); y <= r.maxY(); y++) {
        for (int x = r.minX(); x <= r.maxX(); x++) {
          if (text[y * w + x]) {
            sum += p[y * w + x];
            n++;
          }
        }
      }
      out.add(new Detection(LABEL, Math.round(sum / n * 1000) / 10.0, r.minX() / (double) w,
          r.minY() / (double) h, r.width() / (double) w, r.height() / (double) h));
    }
    return out;
  }

  private static BufferedImage scaled(BufferedImage picture, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(picture, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** B, G, R planes, normalised (PaddleOCR reads frames as BGR and normalises in that order). */
  private static float[] planes(BufferedImage rgb, int w, int h) {
    float[] out = new float[3 * w * h];
    int plane = w * h;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int c = rgb.getRGB(x, y);
        int i = y * w + x;
        out[i] = ((c & 0xff) / 255f - MEAN[0]) / STD[0];
        out[plane + i] = (((c >> 8) & 0xff) / 255f - MEAN[1]) / STD[1];
        out[2 * plane + i] = (((c >> 16) & 0xff) / 255f - MEAN[2]) / STD[2];
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // nothing left to release
    }
  }
}
