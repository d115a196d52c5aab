package io.rivulet.analytics.flink.sql;

/**
 * SQL-1_0 code or its configuration cannot be translated to Flink SQL: a syntax error, a reference
 * to something undefined, or a construct Rivulet does not run (the message names it). Immutable
 * once thrown, so thread-safe.
 */
public final class TranslationException extends Exception {
  private static final long serialVersionUID = 1L;

  public TranslationException(String message) {
    super(message);
  }

  /** The error for a construct Rivulet does not support, named as the user wrote it. */
  static TranslationException unsupported(String construct) {
    return new TranslationException(
        "SQL-1_0 construct not supported by Rivulet: " + construct);
  }
}
