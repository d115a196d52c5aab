package io.rivulet.video.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MotionDetectorTest {

  /** A 320x240 grey frame with a white square at (x, y). */
  static BufferedImage frame(int x, int y, int side) {
    BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.DARK_GRAY);
    g.fillRect(0, 0, 320, 240);
    g.setColor(Color.WHITE);
    g.fillRect(x, y, side, side);
    g.dispose();
    return img;
  }

  @Test
  void theFirstFrameOnlySetsTheReference() {
    try (MotionDetector d = new MotionDetector()) {
      assertThat(d.detect(frame(0, 0, 64))).isEmpty();
    }
  }

  @Test
  void aStillSceneHasNoMotion() {
    try (MotionDetector d = new MotionDetector()) {
      d.detect(frame(40, 40, 64));
      assertThat(d.detect(frame(40, 40, 64))).isEmpty();
    }
  }

  @Test
  void aMovedSquareIsOneBoxAroundItsOldAndNewPlaces() {
    try (MotionDetector d = new MotionDetector()) {
      d.detect(frame(32, 96, 64));
      List<Detector.Detection> found = d.detect(frame(96, 96, 64));
      assertThat(found).hasSize(1);
      Detector.Detection m = found.get(0);
      assertThat(m.name()).isEqualTo("Motion");
      // the square left x 32..96 and arrived at 96..160: the change spans x 32..160, y 96..160
      assertThat(m.left()).isCloseTo(32 / 320.0, within(0.03));
      assertThat(m.left() + m.width()).isCloseTo(160 / 320.0, within(0.03));
      assertThat(m.top()).isCloseTo(96 / 240.0, within(0.04));
      assertThat(m.top() + m.height()).isCloseTo(160 / 240.0, within(0.04));
      assertThat(m.confidence()).isBetween(50.0, 100.0);
    }
  }

  @Test
  void twoMovingThingsApartAreTwoBoxes() {
    BufferedImage before = frame(16, 16, 40);
    BufferedImage after = frame(16, 16, 40);
    Graphics2D g = after.createGraphics();
    g.setColor(Color.DARK_GRAY);
    g.fillRect(16, 16, 40, 40); // the top-left square left
    g.setColor(Color.WHITE);
    g.fillRect(240, 160, 40, 40); // another appeared bottom-right
    g.dispose();
    try (MotionDetector d = new MotionDetector()) {
      d.detect(before);
      assertThat(d.detect(after)).hasSize(2)
          .allSatisfy(m -> assertThat(m.width()).isLessThan(0.25));
    }
  }
}
