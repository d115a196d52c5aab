package io.rivulet.video;

/**
 * A Kinesis Video Streams error as AWS answers it: HTTP status, header
 * {@code x-amzn-ErrorType: <type>:} and body {@code {"Message": ...}}. Every video operation
 * (control plane, media, archived media, HLS/DASH paths) throws this; the video router renders it.
 * Immutable.
 */
public class VideoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final int status;

  public VideoException(String errorType, int status, String message) {
    super(message);
    this.errorType = errorType;
    this.status = status;
  }

  /** 400 InvalidArgumentException. */
  public static VideoException invalidArgument(String message) {
    return new VideoException("InvalidArgumentException", 400, message);
  }

  /** 404 ResourceNotFoundException. */
  public static VideoException notFound(String message) {
    return new VideoException("ResourceNotFoundException", 404, message);
  }

  /** The exception name, e.g. "ResourceNotFoundException". */
  public String errorType() {
    return errorType;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }
}
