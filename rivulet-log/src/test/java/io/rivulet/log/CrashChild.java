package io.rivulet.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of {@link CrashTest}: appends batches with the group-commit policy from several
 * threads until it is killed, printing {@code ACK <firstOffset> <count> <run> <thread> <seq>} for
 * every append whose future completed (so the batch is acknowledged as durable).
 */
public final class CrashChild {
  static final String LOG_NAME = "crash/shard-0";
  static final LogConfig CONFIG = new LogConfig(256 * 1024, 4096, 2);

  private CrashChild() {}

  /** The value of record {@code i} of batch {@code seq} of a thread in a run. */
  static String value(int run, int thread, int seq, int i) {
    return run + "/" + thread + "/" + seq + "/" + i + "/" + "x".repeat((seq * 7 + i * 13) % 150);
  }

  static int batchSize(int seq) {
    return 1 + (seq * 31) % 20;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int run = Integer.parseInt(args[2]);
    FileLogManager manager = new FileLogManager(dir, FsyncPolicy.group(), CONFIG);
    ShardLog log = manager.open(LOG_NAME);
    System.out.println("READY " + log.endOffset());
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(new Thread(() -> appendForever(log, run, thread)));
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
  }

  private static void appendForever(ShardLog log, int run, int thread) {
    Random random = new Random(thread);
    for (int seq = 0; ; seq++) {
      List<LogRecord> batch = new ArrayList<>();
      for (int i = 0; i < batchSize(seq); i++) {
        byte[] key = ("k" + random.nextInt(1000)).getBytes(UTF_8);
        batch.add(new LogRecord(System.currentTimeMillis(), key, value(run, thread, seq, i).getBytes(UTF_8)));
      }
      AppendResult r = log.append(batch).join();
      System.out.println("ACK " + r.firstOffset() + " " + r.count() + " " + run + " " + thread + " " + seq);
    }
  }
}
