package io.rivulet.it;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A KCL worker in a JVM of its own, for {@link KclFailoverTest}, which SIGKILLs it. Arguments:
 * endpoint, stream, application, worker id. Reports on stdout, one line each: {@code STARTED},
 * {@code R <shard> <sequence> <key> <value>} for every record (before its batch is checkpointed)
 * and {@code C <shard> <sequence>} for every checkpoint KCL acknowledged. Logs go to stderr.
 * Runs until killed.
 */
public final class KclWorkerMain {
  private KclWorkerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    KclHarness.Sink sink = new KclHarness.Sink() {
      @Override
      public void record(String shardId, String sequenceNumber, String partitionKey, int value) {
        synchronized (out) {
          out.println("R " + shardId + " " + sequenceNumber + " " + partitionKey + " " + value);
          out.flush();
        }
      }

      @Override
      public void checkpoint(String shardId, String sequenceNumber) {
        synchronized (out) {
          out.println("C " + shardId + " " + sequenceNumber);
          out.flush();
        }
      }
    };
    KclHarness.start(URI.create(args[0]), args[1], args[2], args[3], sink, KclFailoverTest::timing);
    synchronized (out) {
      out.println("STARTED");
      out.flush();
    }
    Thread.currentThread().join(); // until SIGKILL
  }
}
