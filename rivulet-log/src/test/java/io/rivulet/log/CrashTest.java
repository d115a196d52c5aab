package io.rivulet.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a child JVM ({@link CrashChild}) that appends under group commit from several threads,
 * and checks the acknowledgement contract: after recovery every acknowledged batch is present with
 * its content at its offsets, and offsets are dense. Several cycles, each recovering the previous
 * cycle's log and appending to it.
 */
class CrashTest {
  private static final int CYCLES = 4;
  private static final int THREADS = 6;

  @TempDir Path dir;

  private record Ack(long offset, int count, int run, int thread, int seq) {}

  @Test
  void everyAcknowledgedBatchSurvivesSigkill() throws Exception {
    List<Ack> acked = new ArrayList<>();
    for (int run = 0; run < CYCLES; run++) {
      List<Ack> thisRun = runAndKill(run, 400 + 150L * run);
      assertThat(thisRun).as("acks in run %d", run).isNotEmpty();
      acked.addAll(thisRun);
      try (FileLogManager manager = new FileLogManager(dir, FsyncPolicy.never(), CrashChild.CONFIG)) {
        ShardLog log = manager.open(CrashChild.LOG_NAME);
        System.out.printf("run %d: %d acks, recovered %s%n", run, thisRun.size(),
            manager.recoveryReports().get(0));
        for (Ack a : acked) {
          List<LogEntry> entries = log.read(a.offset(), a.count(), Long.MAX_VALUE);
          assertThat(entries).as("ack %s", a).hasSize(a.count());
          for (int i = 0; i < a.count(); i++) {
            assertThat(entries.get(i).offset()).isEqualTo(a.offset() + i);
            assertThat(new String(entries.get(i).value(), UTF_8))
                .isEqualTo(CrashChild.value(a.run(), a.thread(), a.seq(), i));
          }
        }
        List<LogEntry> all = ShardLogContractTest.readAll(log);
        assertThat(all).hasSize((int) log.endOffset());
        for (int i = 0; i < all.size(); i++) {
          assertThat(all.get(i).offset()).isEqualTo(i);
        }
      }
    }
  }

  private List<Ack> runAndKill(int run, long runMillis) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
            dir.toString(), String.valueOf(THREADS), String.valueOf(run))
        .redirectError(dir.resolve("child-" + run + ".err").toFile())
        .start();
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the child died
      }
    });
    pump.start();
    try {
      String first = lines.poll(30, TimeUnit.SECONDS);
      assertThat(first).as("child started").startsWith("READY");
      Thread.sleep(runMillis);
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
      pump.join(10_000);
    }
    List<Ack> acks = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length == 6 && f[0].equals("ACK")) {
        acks.add(new Ack(Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
            Integer.parseInt(f[4]), Integer.parseInt(f[5])));
      }
    }
    return acks;
  }
}
