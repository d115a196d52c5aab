package io.rivulet.video.ingest;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * The acknowledgement stream of one PutMedia session, as the response body: the session {@link
 * #send}s acks (never blocking: acks are small and few, one subscriber takes them as the connection
 * can), the HTTP layer subscribes once. Thread-safe.
 */
final class AckPublisher implements Flow.Publisher<ByteBuffer> {
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
  private Flow.Subscriber<? super ByteBuffer> subscriber;
  private long demand;
  private boolean completed;
  private boolean cancelled;
  private boolean done;
  private boolean draining;

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
    synchronized (this) {
      if (subscriber != null) {
        s.onSubscribe(new Flow.Subscription() {
          @Override
          public void request(long n) {}

          @Override
          public void cancel() {}
        });
        s.onError(new IllegalStateException("one subscriber only"));
        return;
      }
      subscriber = s;
    }
    s.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
        synchronized (AckPublisher.this) {
          demand = demand + Math.max(n, 0) < 0 ? Long.MAX_VALUE : demand + Math.max(n, 0);
        }
        drain();
      }

      @Override
      public void cancel() {
        synchronized (AckPublisher.this) {
          cancelled = true;
          queue.clear();
        }
      }
    });
    drain();
  }

  /** Queues one ack. */
  void send(Ack ack) {
    synchronized (this) {
      if (completed || cancelled) {
        return;
      }
      queue.add(ByteBuffer.wrap(ack.toJsonLine()));
    }
    drain();
  }

  /** Ends the stream once the queued acks are taken. */
  void complete() {
    synchronized (this) {
      completed = true;
    }
    drain();
  }

  /** Whether the subscriber went away (the connection closed). */
  synchronized boolean cancelled() {
    return cancelled;
  }

  private void drain() {
    synchronized (this) {
      if (draining) {
        return; // the thread already draining picks up what was added
      }
      draining = true;
    }
    while (true) {
      ByteBuffer next;
      boolean finish;
      Flow.Subscriber<? super ByteBuffer> s;
      synchronized (this) {
        s = subscriber;
        next = s != null && demand > 0 && !cancelled ? queue.poll() : null;
        if (next != null) {
          demand--;
        }
        finish = next == null && s != null && completed && queue.isEmpty() && !done && !cancelled;
        if (finish) {
          done = true;
        }
        if (next == null && !finish) {
          draining = false;
          return;
        }
      }
      if (next != null) {
        s.onNext(next);
      } else {
        s.onComplete();
      }
    }
  }
}
