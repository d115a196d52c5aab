package io.rivulet.protocol;

import io.rivulet.protocol.eventstream.EventStreamEncoder;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventStreamOutput} as HTTP body pieces: the {@code initial-response} message first,
 * then one event-stream message per event, each payload encoded in the request's wire format.
 * Demand from the transport is passed on to the operation's publisher one for one (after the
 * initial response). Thread-safe as Reactive Streams requires of a processor.
 */
final class EncodedEventStream implements Flow.Publisher<ByteBuffer> {
  private static final Logger log = LoggerFactory.getLogger(EncodedEventStream.class);
  static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

  private final EventStreamOutput source;
  private final WireFormat format;
  private final String requestId;

  EncodedEventStream(EventStreamOutput source, WireFormat format, String requestId) {
    this.source = source;
    this.format = format;
    this.requestId = requestId;
  }

  ByteBuffer encode(EventStreamOutput.Event e) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (e.exceptionType() != null) {
      headers.put(":message-type", "exception");
      headers.put(":exception-type", e.exceptionType());
      headers.put(":content-type", format.contentType());
      return EventStreamEncoder.encode(headers,
          JsonRpcCodec.encode(new ExceptionPayload(e.message()), format));
    }
    headers.put(":message-type", "event");
    headers.put(":event-type", e.type());
    headers.put(":content-type", format.contentType());
    return EventStreamEncoder.encode(headers, JsonRpcCodec.encode(e.payload(), format));
  }

  /** The body of an exception event. */
  record ExceptionPayload(String message) {}

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> down) {
    source.subscribe(new Flow.Subscriber<>() {
      private final AtomicBoolean initialSent = new AtomicBoolean();
      private final AtomicBoolean done = new AtomicBoolean();
      private volatile Flow.Subscription up;

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        up = subscription;
        down.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {
            long rest = n;
            if (rest > 0 && initialSent.compareAndSet(false, true)) {
              down.onNext(encode(EventStreamOutput.Event.of("initial-response", source.initialResponse())));
              rest--;
            }
            if (rest > 0 && !done.get()) {
              up.request(rest);
            }
          }

          @Override
          public void cancel() {
            done.set(true);
            up.cancel();
          }
        });
      }

      @Override
      public void onNext(EventStreamOutput.Event e) {
        if (done.get()) {
          return;
        }
        down.onNext(encode(e));
        if (e.exceptionType() != null && done.compareAndSet(false, true)) {
          up.cancel();
          down.onComplete();
        }
      }

      @Override
      public void onError(Throwable t) {
        if (done.compareAndSet(false, true)) {
          log.error("Request {}: event stream failed", requestId, t);
          down.onNext(encode(EventStreamOutput.Event.exception(CommonError.INTERNAL_FAILURE,
              "Internal service failure.")));
          down.onComplete();
        }
      }

      @Override
      public void onComplete() {
        if (done.compareAndSet(false, true)) {
          down.onComplete();
        }
      }
    });
  }
}
