package io.rivulet.dynamodb.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.log.FsyncPolicy;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a child JVM ({@link CrashChild}) that updates items and compacts its journal under load,
 * several times over the same directory, and checks the acknowledgement contract: every
 * acknowledged write is there after recovery (each item's counter is at least its last
 * acknowledged value). The counter may be ahead: writes that reached the journal file survive a
 * SIGKILL (the page cache outlives the process) whether or not the child printed their
 * acknowledgement before it died.
 */
class DatabaseCrashTest {
  private static final int CYCLES = 3;
  private static final int THREADS = 4;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    for (int run = 0; run < CYCLES; run++) {
      Map<String, Long> acked = runAndKill(run, 700);
      assertThat(acked).as("acks in run %d", run).isNotEmpty();
      Database db = new Database(dir, Clock.systemUTC(), FsyncPolicy.group(), CrashChild.COMPACT_AT);
      try {
        Table t = db.table("000000000000", "us-east-1", CrashChild.TABLE);
        for (Map.Entry<String, Long> a : acked.entrySet()) {
          long stored = t.get(DatabaseDurabilityTest.key(a.getKey())).get("counter").n().longValueExact();
          assertThat(stored).as("item %s after run %d (child's stderr: %s)", a.getKey(), run,
              Files.readString(dir.resolve("child-" + run + ".err"))).isGreaterThanOrEqualTo(a.getValue());
        }
      } finally {
        db.close();
      }
    }
    assertThat(Files.readString(dir.resolve(Journal.CURRENT)).trim()).as("compactions happened under load")
        .isNotEqualTo("0");
  }

  private Map<String, Long> runAndKill(int run, long runMillis) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(),
            String.valueOf(THREADS))
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
      assertThat(lines.poll(30, TimeUnit.SECONDS)).as("child started").isEqualTo("READY");
      Thread.sleep(runMillis);
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
      pump.join(10_000);
    }
    Map<String, Long> last = new HashMap<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length == 3 && f[0].equals("ACK")) {
        last.merge(f[1], Long.parseLong(f[2]), Math::max);
      }
    }
    return last;
  }
}
