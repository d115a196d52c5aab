package io.rivulet.protocol;

/**
 * A wire error: the {@code __type} name AWS sends and the HTTP status. Each service keeps its
 * errors in one enum implementing this; {@link CommonError} holds those every JSON service shares.
 */
public interface ErrorCode {
  /** The exception name as sent in {@code __type}, e.g. {@code ResourceNotFoundException}. */
  String type();

  int status();

  /**
   * The body member carrying the message: {@code message} for most errors; AWS spells it {@code
   * Message} for some ({@code SerializationException}, {@code AccessDeniedException}).
   */
  default String messageMember() {
    return "message";
  }
}
