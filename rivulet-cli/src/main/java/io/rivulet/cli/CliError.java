package io.rivulet.cli;

/**
 * An error a command reports as {@code error: <message>} (no stack trace) with its exit code: 2
 * for bad input (a configuration file that is missing or not in the AWS shape), 1 otherwise.
 * Immutable.
 */
final class CliError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Bad input: exit code 2, as for usage errors. */
  static CliError input(String message) {
    return new CliError(2, message);
  }

  int exitCode() {
    return exitCode;
  }
}
