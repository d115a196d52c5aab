package io.rivulet.video.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A streamed request body (a {@link Flow.Publisher} of pieces) as a blocking {@link InputStream}
 * for the session thread's MKV reader. At most two pieces are requested ahead, so a session that
 * does not read holds back the connection. While no bytes arrive, {@code onIdle} runs every
 * {@code idleTick}; after {@code idleTimeout} without bytes, reads fail with {@link IdleTimeout}.
 * The subscriber side is thread-safe; reads happen on one thread.
 */
final class BodyStream extends InputStream implements Flow.Subscriber<ByteBuffer> {
  private static final Object END = new Object();

  /** No bytes arrived for the idle timeout. */
  static final class IdleTimeout extends IOException {
    private static final long serialVersionUID = 1L;

    IdleTimeout(String message) {
      super(message);
    }
  }

  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final long idleTickMillis;
  private final long idleTimeoutMillis;
  private final Runnable onIdle;
  private volatile Flow.Subscription subscription;
  private ByteBuffer current;
  private boolean ended;
  private long bytes;

  BodyStream(long idleTickMillis, long idleTimeoutMillis, Runnable onIdle) {
    this.idleTickMillis = idleTickMillis;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.onIdle = onIdle;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(2);
  }

  @Override
  public void onNext(ByteBuffer item) {
    queue.add(item);
  }

  @Override
  public void onError(Throwable t) {
    queue.add(t);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  /** Bytes read so far. */
  long bytesRead() {
    return bytes;
  }

  @Override
  public int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    bytes++;
    return current.get() & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    bytes += n;
    return n;
  }

  private boolean fill() throws IOException {
    long idle = 0;
    while (current == null || !current.hasRemaining()) {
      if (ended) {
        return false;
      }
      Object next;
      try {
        next = queue.poll(idleTickMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the body");
      }
      if (next == null) {
        idle += idleTickMillis;
        if (idle >= idleTimeoutMillis) {
          throw new IdleTimeout("no data for " + idle + " ms");
        }
        onIdle.run();
      } else if (next == END) {
        ended = true;
      } else if (next instanceof Throwable t) {
        ended = true;
        throw t instanceof IOException io ? io : new IOException(t);
      } else {
        current = (ByteBuffer) next;
        idle = 0;
        Flow.Subscription s = subscription;
        if (s != null) {
          s.request(1);
        }
      }
    }
    return true;
  }

  /** Stops the body (the session ended early); the connection closes after the response. */
  @Override
  public void close() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
