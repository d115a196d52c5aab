package io.rivulet.video.ml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Connected regions of a boolean grid (4-neighbourhood) as boxes in grid cells; what both
 * detectors turn their masks into. Stateless.
 */
final class Boxes {
  private Boxes() {}

  /** A region: its bounds in cells (inclusive) and how many cells it has. */
  record Region(int minX, int minY, int maxX, int maxY, int cells) {
    int width() {
      return maxX - minX + 1;
    }

    int height() {
      return maxY - minY + 1;
    }
  }

  /** The regions of set cells of a {@code width} x {@code height} row-major grid. */
  static List<Region> regions(boolean[] grid, int width, int height) {
    boolean[] seen = new boolean[grid.length];
    List<Region> out = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int start = 0; start < grid.length; start++) {
      if (!grid[start] || seen[start]) {
        continue;
      }
      int minX = width;
      int minY = height;
      int maxX = -1;
      int maxY = -1;
      int cells = 0;
      seen[start] = true;
      queue.add(start);
      while (!queue.isEmpty()) {
        int i = queue.poll();
        int x = i % width;
        int y = i / width;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        cells++;
        visit(grid, seen, queue, x - 1, y, width, height);
        visit(grid, seen, queue, x + 1, y, width, height);
        visit(grid, seen, queue, x, y - 1, width, height);
        visit(grid, seen, queue, x, y + 1, width, height);
      }
      out.add(new Region(minX, minY, maxX, maxY, cells));
    }
    return out;
  }

  private static void visit(boolean[] grid, boolean[] seen, ArrayDeque<Integer> queue, int x,
      int y, int width, int height) {
    if (x < 0 || y < 0 || x >= width || y >= height) {
      return;
    }
    int i = y * width + x;
    if (grid[i] && !seen[i]) {
      seen[i] = true;
      queue.add(i);
    }
  }
}
