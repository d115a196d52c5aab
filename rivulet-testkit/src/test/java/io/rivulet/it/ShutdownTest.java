package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM shuts a server down cleanly: exit 0, logs flushed, clean-shutdown marker written. */
class ShutdownTest {
  @TempDir Path dataDir;

  @Test
  void sigtermShutsDownCleanly() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
        "io.rivulet.cli.Main", "serve", "--port", "0", "--s3-port", "0", "--data-dir", dataDir.toString())
        .redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.contains("listening on")) {
          assertThat(Files.exists(dataDir.resolve("clean-shutdown"))).isFalse();
          p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our pipe)
        }
      }
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join("\n", lines)).isIn(0, 143);
    assertThat(lines).anyMatch(l -> l.contains("stopped"));
    assertThat(lines).anyMatch(l -> l.contains("serving the S3 API on http://127.0.0.1:"));
    assertThat(Files.exists(dataDir.resolve("clean-shutdown"))).isTrue();
  }
}
