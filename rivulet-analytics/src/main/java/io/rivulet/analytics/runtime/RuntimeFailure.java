package io.rivulet.analytics.runtime;

/** An application could not be started, snapshotted or stopped; the message is for the user. */
public class RuntimeFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public RuntimeFailure(String message) {
    super(message);
  }

  public RuntimeFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
