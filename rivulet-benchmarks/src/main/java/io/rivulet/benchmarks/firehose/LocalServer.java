package io.rivulet.benchmarks.firehose;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Rivulet server with the embedded S3 API, started by the benchmark in a child JVM
 * ({@code java <jvm options> -cp <this class path> io.rivulet.cli.Main serve --host 127.0.0.1
 * --port 0 --s3-port 0 --data-dir <dir>}), so its CPU time is its own; its output goes to
 * {@code server.log} in the data directory. {@link #stop} stops it with SIGTERM (SIGKILL after
 * 30 s). Needs the CLI on the class path, as {@code ./rivulet bench} has. Not thread-safe.
 */
final class LocalServer {
  private static final String MAIN = "io.rivulet.cli.Main";
  private static final Pattern LISTENING =
      Pattern.compile("Rivulet listening on (http://\\S+) .*S3 API: (http://[^\\s)]+)");

  private final Process process;
  private final URI endpoint;
  private final URI s3Endpoint;
  private final Path log;

  private LocalServer(Process process, URI endpoint, URI s3Endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.s3Endpoint = s3Endpoint;
    this.log = log;
  }

  static boolean available() {
    return ClassLoader.getSystemClassLoader().getResource(MAIN.replace('.', '/') + ".class") != null;
  }

  /** Starts the server and waits (up to 120 s) until it says it is listening. */
  static LocalServer start(Path dataDir, List<String> jvmOptions, List<String> serveOptions)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, "serve", "--host",
        "127.0.0.1", "--port", "0", "--s3-port", "0", "--data-dir", dataDir.toString()));
    cmd.addAll(serveOptions);
    Path log = dataDir.resolve("server.log");
    Files.createDirectories(dataDir);
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter logOut = new PrintWriter(Files.newBufferedWriter(log), true);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      logOut.println(line);
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        drain(out, logOut);
        return new LocalServer(child, URI.create(m.group(1)), URI.create(m.group(2)), log);
      }
    }
    child.destroyForcibly();
    logOut.close();
    throw new IllegalStateException("the server did not start; its output is in " + log
        + "\ncommand: " + String.join(" ", cmd));
  }

  /** Copies the child's output to the log so its pipe never fills. */
  private static void drain(BufferedReader out, PrintWriter log) {
    Thread t = new Thread(() -> {
      try (log) {
        for (String line; (line = out.readLine()) != null; ) {
          log.println(line);
        }
      } catch (IOException ignored) {
        // the child is gone
      }
    }, "firehose-bench-server-output");
    t.setDaemon(true);
    t.start();
  }

  long pid() {
    return process.pid();
  }

  URI endpoint() {
    return endpoint;
  }

  URI s3Endpoint() {
    return s3Endpoint;
  }

  Path log() {
    return log;
  }

  /** SIGTERM (a clean shutdown), then SIGKILL if it has not stopped within 30 s. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
