package io.rivulet.video.mkv;

import java.io.IOException;

/** The bytes are not valid EBML/Matroska (or break a configured limit). Immutable. */
public class MkvException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long position;

  public MkvException(String message, long position) {
    super(message + " at byte " + position);
    this.position = position;
  }

  /** The stream offset at which the problem was found. */
  public long position() {
    return position;
  }
}
