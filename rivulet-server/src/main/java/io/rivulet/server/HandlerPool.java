package io.rivulet.server;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that decode, validate and handle requests and encode responses. {@link #inline()}
 * runs a task at once when called on one of these threads and hands it to the pool otherwise, so a
 * request handed over by an event loop costs one hop, and a response completed by another thread
 * (e.g. the log's fsync thread) comes back to the pool instead of delaying that thread. Thread-safe.
 */
final class HandlerPool implements Executor, AutoCloseable {
  private static final ThreadLocal<HandlerPool> OWNER = new ThreadLocal<>();
  private final ThreadPoolExecutor pool;

  HandlerPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(() -> {
            OWNER.set(this);
            r.run();
          }, "rivulet-handler-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  /** An executor that runs inline on this pool's threads and submits to the pool elsewhere. */
  Executor inline() {
    return task -> {
      if (OWNER.get() == this) {
        task.run();
      } else {
        pool.execute(task);
      }
    };
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
