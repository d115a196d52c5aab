package io.rivulet.video.ml;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in detector: motion by frame differencing. Each frame is scaled to 160x120 grey and
 * compared with the previous analysed frame; a pixel changed when its grey level moved by more
 * than {@value #PIXEL_THRESHOLD}, an 8x8 block changed when at least a quarter of its pixels did,
 * and each connected region of changed blocks is one {@code Motion} detection whose box is the
 * region's bounds and whose confidence is the share of the box's blocks that changed. The first
 * frame only sets the reference. Not thread-safe (one per processor).
 */
public final class MotionDetector implements Detector {
  static final String LABEL = "Motion";
  static final int WIDTH = 160;
  static final int HEIGHT = 120;
  static final int BLOCK = 8;
  static final int PIXEL_THRESHOLD = 25;

  private byte[] previous;

  @Override
  public List<Detection> detect(BufferedImage picture) {
    byte[] grey = grey(picture);
    byte[] before = previous;
    previous = grey;
    if (before == null) {
      return List.of();
    }
    int bw = WIDTH / BLOCK;
    int bh = HEIGHT / BLOCK;
    boolean[] changed = new boolean[bw * bh];
    for (int by = 0; by < bh; by++) {
      for (int bx = 0; bx < bw; bx++) {
        changed[by * bw + bx] = blockChanged(before, grey, bx, by);
      }
    }
    List<Detection> out = new ArrayList<>();
    for (Boxes.Region r : Boxes.regions(changed, bw, bh)) {
      double fill = r.cells() / (double) (r.width() * r.height());
      out.add(new Detection(LABEL, Math.round(fill * 1000) / 10.0, r.minX() / (double) bw,
          r.minY() / (double) bh, r.width() / (double) bw, r.height() / (double) bh));
    }
    return out;
  }

  private static boolean blockChanged(byte[] a, byte[] b, int bx, int by) {
    int count = 0;
    for (int y = by * BLOCK; y < (by + 1) * BLOCK; y++) {
      for (int x = bx * BLOCK; x < (bx + 1) * BLOCK; x++) {
        int i = y * WIDTH + x;
        if (Math.abs((a[i] & 0xff) - (b[i] & 0xff)) > PIXEL_THRESHOLD) {
          count++;
        }
      }
    }
    return count * 4 >= BLOCK * BLOCK;
  }

  private static byte[] grey(BufferedImage picture) {
    BufferedImage small = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = small.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
          RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(picture, 0, 0, WIDTH, HEIGHT, null);
    } finally {
      g.dispose();
    }
    byte[] out = new byte[WIDTH * HEIGHT];
    small.getRaster().getDataElements(0, 0, WIDTH, HEIGHT, out);
    return out;
  }

  @Override
  public void close() {}
}
