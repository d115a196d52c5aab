package io.rivulet.protocol;

import java.util.concurrent.Flow;

/**
 * An operation output that is an event stream (SubscribeToShard): the dispatcher answers 200 with
 * {@code application/vnd.amazon.eventstream}, sends {@link #initialResponse()} as the
 * {@code initial-response} event, then each published {@link Event}, encoded in the request's wire
 * format, with back-pressure: the publisher gets demand only as the transport can take more.
 */
public interface EventStreamOutput extends Flow.Publisher<EventStreamOutput.Event> {

  /** The payload of the {@code initial-response} event (a record; often empty). */
  Object initialResponse();

  /**
   * One event: {@code type} and a payload record, or, when {@code exceptionType} is set, an
   * exception event (the stream ends after it).
   */
  record Event(String type, Object payload, String exceptionType, String message) {
    public static Event of(String type, Object payload) {
      return new Event(type, payload, null, null);
    }

    public static Event exception(ErrorCode code, String message) {
      return new Event(null, null, code.type(), message);
    }
  }
}
