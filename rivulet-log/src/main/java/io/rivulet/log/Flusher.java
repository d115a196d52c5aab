package io.rivulet.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code fsync} machinery one {@link FileLogManager} shares among all its logs, so a thousand
 * logs do not mean a thousand threads.
 *
 * <ul>
 *   <li>{@code GROUP}: appenders enqueue their log (at most once while it waits); {@code
 *       flushThreads} threads take logs off the queue and run {@link FileShardLog#flushGroup()},
 *       which forces the file once and completes every waiting append it covered. Appends that
 *       arrive during an {@code fsync} wait for the next one and share it.
 *   <li>{@code INTERVAL}: appenders mark their log dirty; one thread forces every dirty log each
 *       interval.
 *   <li>{@code NEVER}: no thread.
 * </ul>
 *
 * <p>Thread-safe.
 */
final class Flusher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Flusher.class);

  private final FsyncPolicy policy;
  private final LinkedBlockingQueue<FileShardLog> queue = new LinkedBlockingQueue<>();
  private final Set<FileShardLog> dirty = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  Flusher(FsyncPolicy policy, int flushThreads, String namePrefix) {
    this.policy = policy;
    switch (policy.kind()) {
      case GROUP -> {
        for (int i = 0; i < flushThreads; i++) {
          threads.add(start(namePrefix + "-group-commit-" + i, this::groupLoop));
        }
      }
      case INTERVAL -> threads.add(start(namePrefix + "-interval-flush", this::intervalLoop));
      case NEVER -> {}
    }
  }

  private static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Called by a log after it wrote a batch (outside its lock). */
  void markDirty(FileShardLog log) {
    switch (policy.kind()) {
      case GROUP -> {
        if (log.claimFlushSlot()) {
          queue.add(log);
        }
      }
      case INTERVAL -> dirty.add(log);
      case NEVER -> {}
    }
  }

  private void groupLoop() {
    while (running) {
      FileShardLog log;
      try {
        log = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (log != null) {
        log.releaseFlushSlot();
        runQuietly(log::flushGroup);
      }
    }
  }

  private void intervalLoop() {
    long sleepMillis = Math.max(1, policy.interval().toMillis());
    while (running) {
      try {
        if (stopped.await(sleepMillis, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      for (FileShardLog log : dirty) {
        dirty.remove(log);
        runQuietly(log::flushInterval);
      }
    }
  }

  private static void runQuietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.error("flush failed", e);
    }
  }

  /**
   * Stops the threads; logs must have been closed (and so flushed) before. The threads are not
   * interrupted: an interrupt during {@code FileChannel.force} would close the channel.
   */
  @Override
  public void close() {
    running = false;
    stopped.countDown();
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
