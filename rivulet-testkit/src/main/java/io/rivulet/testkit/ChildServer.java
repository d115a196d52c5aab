package io.rivulet.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Rivulet server in a child JVM ({@code rivulet serve} on 127.0.0.1, port 0, the test's class
 * path), for tests that kill the server: start it, read its endpoints from its log, SIGKILL or
 * SIGTERM it. Its output is drained so the pipe never fills. Not thread-safe.
 */
public final class ChildServer implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (https?://\\S+)");
  private static final Pattern S3_API = Pattern.compile("S3 API: (http://[^\\s)]+)");

  private final Process process;
  private final URI endpoint;
  private final URI s3Endpoint;
  private final List<String> output;

  private ChildServer(Process process, URI endpoint, URI s3Endpoint, List<String> output) {
    this.process = process;
    this.endpoint = endpoint;
    this.s3Endpoint = s3Endpoint;
    this.output = output;
  }

  /**
   * Starts {@code rivulet serve --host 127.0.0.1 --port 0 --data-dir dataDir} with {@code args}
   * added (and {@code --no-s3} unless they name an S3 server option: no embedded S3 server
   * unless asked for, e.g. with {@code --s3-port 0}), and waits (up to 60 s) until it says it is
   * listening ({@link #endpoint()} is {@code https://…} with {@code --no-http}).
   */
  public static ChildServer start(Path dataDir, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "io.rivulet.cli.Main", "serve",
        "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
    cmd.addAll(List.of(args));
    if (!cmd.contains("--s3-port") && !cmd.contains("--s3-dir") && !cmd.contains("--no-s3")) {
      cmd.add("--no-s3"); // as in-process test servers: no embedded S3 unless asked for
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      String line;
      while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
        log.add(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          Matcher s3 = S3_API.matcher(line);
          drain(out, log);
          return new ChildServer(child, URI.create(m.group(1)),
              s3.find() ? URI.create(s3.group(1)) : null, log);
        }
      }
    } catch (IOException e) {
      child.destroyForcibly();
      throw new UncheckedIOException(e);
    }
    child.destroyForcibly();
    throw new AssertionError("child server did not start:\n" + String.join("\n", log));
  }

  /** Reads the child's output so the pipe never fills, keeping the last 10,000 lines. */
  private static void drain(BufferedReader out, List<String> log) {
    Thread drain = new Thread(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          log.add(line);
          if (log.size() > 10_000) {
            log.remove(0);
          }
        }
      } catch (IOException ignored) {
        // the child died
      }
    }, "child-server-output");
    drain.setDaemon(true);
    drain.start();
  }

  public URI endpoint() {
    return endpoint;
  }

  /** The embedded S3 API's endpoint ({@code --s3-port}), or null when it has none. */
  public URI s3Endpoint() {
    return s3Endpoint;
  }

  /** What the child has logged so far (its last 10,000 lines). */
  public List<String> output() {
    return List.copyOf(output);
  }

  /** The child's process id (to signal it, or to read its sockets under /proc). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, without waiting. */
  public void killNow() {
    process.destroyForcibly();
  }

  /** SIGKILL, and wait until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM (a clean shutdown), and wait until the process is gone. */
  public void stop() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("child server did not stop on SIGTERM");
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
