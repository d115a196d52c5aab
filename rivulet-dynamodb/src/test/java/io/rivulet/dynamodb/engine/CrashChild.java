package io.rivulet.dynamodb.engine;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.log.FsyncPolicy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link DatabaseCrashTest}: each thread increments the counter of its own item
 * (a read-modify-write under the item's lock, like a lease renewal) until the JVM is killed,
 * printing {@code ACK <thread> <counter>} once a write is acknowledged (durable). A low compaction
 * threshold makes compactions happen under load.
 */
public final class CrashChild {
  static final String TABLE = "crash";
  static final long COMPACT_AT = 300;

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    Database db = new Database(dir, Clock.systemUTC(), FsyncPolicy.group(), COMPACT_AT);
    Table table;
    try {
      table = db.table("000000000000", "us-east-1", TABLE);
    } catch (RuntimeException e) {
      table = db.createTable(DatabaseDurabilityTest.def(TABLE));
    }
    System.out.println("READY");
    Table t = table;
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String key = "t" + i;
      workers.add(new Thread(() -> {
        while (true) {
          Database.Change c = db.write(t, DatabaseDurabilityTest.key(key), cur -> Map.of(
              "k", AttributeValue.s(key),
              "counter", AttributeValue.n((cur == null ? BigDecimal.ZERO : cur.get("counter").n()).add(BigDecimal.ONE)))).join();
          synchronized (System.out) { // flushed before the next write: no acknowledged write goes unseen
            System.out.println("ACK " + key + " " + c.after().get("counter").n().toPlainString());
            System.out.flush();
          }
        }
      }));
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
  }
}
