package io.rivulet.video.images;

import java.awt.image.BufferedImage;

/** Peak signal-to-noise ratio between two pictures of one size, over R, G and B, in dB. */
final class Psnr {
  private Psnr() {}

  static double of(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight()
          + " vs " + b.getWidth() + "x" + b.getHeight());
    }
    double sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          int d = ((p >> shift) & 0xFF) - ((q >> shift) & 0xFF);
          sum += d * d;
        }
      }
    }
    double mse = sum / (3.0 * a.getWidth() * a.getHeight());
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
