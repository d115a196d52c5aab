package io.rivulet.log;

/** A storage failure (I/O error, disk full, closed log). */
public class LogException extends RuntimeException {
  public LogException(String message) {
    super(message);
  }

  public LogException(String message, Throwable cause) {
    super(message, cause);
  }
}
