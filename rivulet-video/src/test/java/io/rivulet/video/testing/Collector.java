package io.rivulet.video.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A subscriber that asks for one piece at a time and keeps them, for publisher tests. */
public final class Collector implements Flow.Subscriber<ByteBuffer> {
  public final BlockingQueue<byte[]> pieces = new LinkedBlockingQueue<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Flow.Subscription subscription;
  private volatile Throwable error;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(ByteBuffer item) {
    byte[] b = new byte[item.remaining()];
    item.get(b);
    pieces.add(b);
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    error = t;
    done.countDown();
  }

  @Override
  public void onComplete() {
    done.countDown();
  }

  /** The next piece within the timeout, or null. */
  public byte[] next(long millis) throws InterruptedException {
    return pieces.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** Waits for the end; true if it came. */
  public boolean awaitEnd(long millis) throws InterruptedException {
    return done.await(millis, TimeUnit.MILLISECONDS);
  }

  public Throwable error() {
    return error;
  }

  public void cancel() {
    subscription.cancel();
  }

  /** Everything received so far, concatenated. */
  public byte[] all() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : pieces) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
