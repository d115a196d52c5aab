package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a browser spec of {@code src/test/browser/} ({@code node <spec>}, driving Debian's {@code
 * chromium} headless through {@code playwright-core}) and asserts it passed without console
 * errors; skips (assumption) without {@code node}, {@code /usr/bin/chromium} or the npm package.
 * Stateless.
 */
public final class BrowserSpecs {
  static final Path BROWSER_DIR = Path.of("src/test/browser");
  static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("RIVULET_CHROMIUM", "/usr/bin/chromium"));
  public static final Path SHOTS = Path.of("target", "console-screenshots");

  private BrowserSpecs() {}

  /** Runs the spec with these environment variables (plus SCREENSHOT_DIR and CHROMIUM). */
  public static void run(String spec, Map<String, String> env) throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
    assumeTrue(
        Files.exists(BROWSER_DIR.resolve("node_modules/playwright-core/package.json")),
        "playwright-core is not installed (npm ci in " + BROWSER_DIR + ")");
    assumeTrue(nodeWorks(), "node is not installed");
    ProcessBuilder pb = new ProcessBuilder("node", spec).directory(BROWSER_DIR.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("SCREENSHOT_DIR", SHOTS.toAbsolutePath().toString());
    pb.environment().put("CHROMIUM", CHROMIUM.toString());
    Process node = pb.start();
    node.getOutputStream().close();
    String output;
    try {
      output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!node.waitFor(150, TimeUnit.SECONDS)) {
        throw new AssertionError("the browser test did not finish:\n" + output);
      }
    } finally {
      node.descendants().forEach(ProcessHandle::destroyForcibly);
      node.destroyForcibly();
    }
    System.out.print(output);
    assertThat(node.exitValue()).as("%s:\n%s", spec, output).isZero();
    assertThat(output).contains("no console errors");
  }

  private static boolean nodeWorks() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
