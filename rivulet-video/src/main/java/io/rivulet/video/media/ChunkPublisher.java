package io.rivulet.video.media;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streamed response body made of MKV chunks pulled from a {@link Source}, one chunk per
 * subscriber request: nothing is read ahead of the client's demand (the HTTP layer requests the
 * next piece only once the last one was written and the connection is writable), so a slow
 * reader costs one chunk of memory. When the source has nothing now, the publisher waits for the
 * source's wake-up (a fragment persisted) and ends the response once it has wanted a chunk
 * and had none for {@code idle} (a transport timeout: measured on the monotonic clock). Reads run on {@code executor}, never on the caller's thread. One subscriber; thread-safe.
 */
public final class ChunkPublisher implements Flow.Publisher<ByteBuffer> {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkPublisher.class);

  /** Where chunks come from. Called from one thread at a time. */
  public interface Source extends AutoCloseable {
    /** The next chunk, or null when none is available now. */
    byte[] next() throws Exception;

    /** True once no chunk will ever come again (checked after {@link #next} returned null). */
    boolean finished();

    /** Registers the callback to run (on any thread, quickly) when more may be available. */
    void onAvailable(Runnable wake);

    /** Releases what the source holds (a store subscription). */
    @Override
    void close();
  }

  private final Source source;
  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final long idleNanos;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  public ChunkPublisher(Source source, Executor executor, ScheduledExecutorService timer,
      Duration idle) {
    this.source = source;
    this.executor = executor;
    this.timer = timer;
    this.idleNanos = idle.toNanos();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      subscriber.onError(new IllegalStateException("one subscriber only"));
      return;
    }
    Session session = new Session(subscriber);
    source.onAvailable(session::schedule);
    subscriber.onSubscribe(session);
  }

  private final class Session implements Flow.Subscription {
    private final Flow.Subscriber<? super ByteBuffer> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile long lastChunkNanos = System.nanoTime();
    private ScheduledFuture<?> idleCheck;

    Session(Flow.Subscriber<? super ByteBuffer> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        finish(new IllegalArgumentException("request(" + n + ")"));
        return;
      }
      demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      schedule();
    }

    @Override
    public void cancel() {
      if (done.compareAndSet(false, true)) {
        release();
      }
    }

    void schedule() {
      if (done.get()) {
        return;
      }
      if (wip.getAndIncrement() == 0) {
        try {
          executor.execute(this::drain);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          finish(e);
        }
      }
    }

    /** Serialised by {@code wip}: one drain runs at a time, re-running while wake-ups came in. */
    private void drain() {
      int missed = 1;
      while (true) {
        try {
          drainOnce();
        } catch (Exception e) {
          LOG.warn("GetMedia source failed", e);
          finish(e);
          return;
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    private void drainOnce() throws Exception {
      while (!done.get() && demand.get() > 0) {
        byte[] chunk = source.next();
        if (chunk == null) {
          if (source.finished()) {
            finish(null);
          } else {
            armIdleCheck();
          }
          return;
        }
        lastChunkNanos = System.nanoTime();
        demand.decrementAndGet();
        subscriber.onNext(ByteBuffer.wrap(chunk));
      }
    }

    private synchronized void armIdleCheck() {
      if (idleCheck == null || idleCheck.isDone()) {
        long wait = Math.max(1, lastChunkNanos + idleNanos - System.nanoTime());
        idleCheck = timer.schedule(this::idleTick, wait, TimeUnit.NANOSECONDS);
      }
    }

    private void idleTick() {
      if (done.get() || demand.get() == 0) {
        return; // a slow reader is not idle; the next empty drain re-arms the check
      }
      if (System.nanoTime() - lastChunkNanos >= idleNanos) {
        executor.execute(() -> {
          if (wip.getAndIncrement() == 0) {
            // no drain is running: nothing came since the check; end the response
            finish(null);
          }
          // else a drain is running and will re-arm the check if it finds nothing
        });
      } else {
        synchronized (this) {
          idleCheck = null;
        }
        armIdleCheck();
      }
    }

    private void finish(Throwable error) {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      release();
      if (error == null) {
        subscriber.onComplete();
      } else {
        subscriber.onError(error);
      }
    }

    private void release() {
      synchronized (this) {
        if (idleCheck != null) {
          idleCheck.cancel(false);
        }
      }
      source.close();
    }
  }
}
