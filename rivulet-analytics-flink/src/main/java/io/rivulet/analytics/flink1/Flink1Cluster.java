package io.rivulet.analytics.flink1;

import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink 1.x cluster FLINK-1_x applications run on: a session cluster in a child JVM (Maven
 * Central's Flink 1.20 jars from {@link Flink1Settings#home()}), started on first use and killed by
 * its PID on {@link #close()} (it also exits by itself when the server's end of its stdin closes),
 * or the remote cluster of {@link Flink1Settings#remoteCluster()}. Thread-safe: start and close are
 * serialized.
 */
public final class Flink1Cluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Flink1Cluster.class);
  /** The main class of rivulet-flink1-session and the line it announces its REST port with. */
  static final String SESSION_MAIN = "io.rivulet.flink1.SessionMain";
  static final String READY = "REST ";
  private static final long START_TIMEOUT_SECONDS = 120;
  /** What Flink 1.20 needs opened on Java 17 (its distribution's env.java.opts.all). */
  private static final List<String> JAVA_17_OPENS = Stream.of("java.lang", "java.lang.reflect",
      "java.io", "java.net", "java.nio", "sun.nio.ch", "java.text", "java.time", "java.util",
      "java.util.concurrent", "java.util.concurrent.atomic", "java.util.concurrent.locks")
      .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

  private final Flink1Settings settings;
  private Process child;
  private Flink1Rest rest;
  private boolean closed;

  public Flink1Cluster(Flink1Settings settings) {
    this.settings = settings;
  }

  public Flink1Settings settings() {
    return settings;
  }

  /** The cluster's REST client; starts the child cluster (or checks the remote one) first. */
  public synchronized Flink1Rest rest() throws RuntimeFailure {
    if (closed) {
      throw new RuntimeFailure("the FLINK-1_x runtime has been shut down");
    }
    if (rest != null && (child == null || child.isAlive())) {
      return rest;
    }
    rest = null;
    URI address = settings.isRemote() ? URI.create("http://" + settings.remoteCluster())
        : startChild();
    Flink1Rest client = new Flink1Rest(address);
    client.reader().checkReachable();
    rest = client;
    return rest;
  }

  /** The child JVM's PID, or -1 when none runs. */
  public synchronized long childPid() {
    return child != null && child.isAlive() ? child.pid() : -1;
  }

  private URI startChild() throws RuntimeFailure {
    Path home = settings.home();
    if (home == null || !Files.isDirectory(home.resolve("lib"))) {
      throw new RuntimeFailure("FLINK-1_x applications need a Flink 1.20 session cluster: build"
          + " rivulet-flink1-session (mvn -pl rivulet-flink1-session package) and name its target"
          + " directory with --flink1-home, or name a remote Flink 1.x cluster with"
          + " --flink1-cluster" + (home == null ? "" : " (" + home + " has no lib/)"));
    }
    Path jar = sessionJar(home);
    Path temp = settings.workDirectory().resolve("session");
    Path logFile = settings.workDirectory().resolve("session.log");
    try {
      deleteRecursively(temp);
      Files.createDirectories(temp);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add(Flink1Settings.CHILD_HEAP);
      command.add("-XX:+UseSerialGC");
      command.addAll(JAVA_17_OPENS);
      command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + home.resolve("lib") + "/*",
          SESSION_MAIN, "--dir", temp.toString(), "--port", "0",
          "--slots", Integer.toString(settings.taskSlots())));
      long begin = System.nanoTime();
      child = new ProcessBuilder(command).redirectError(logFile.toFile()).start();
      int port = awaitPort(child, logFile);
      log.info("FLINK-1_x session cluster started in {} ms: pid {}, REST port {} (log: {})",
          (System.nanoTime() - begin) / 1_000_000, child.pid(), port, logFile);
      return URI.create("http://127.0.0.1:" + port);
    } catch (IOException e) {
      stopChild();
      throw new RuntimeFailure("could not start the FLINK-1_x session cluster: " + e.getMessage(), e);
    }
  }

  private static Path sessionJar(Path home) throws RuntimeFailure {
    try (Stream<Path> files = Files.list(home)) {
      return files.filter(p -> p.getFileName().toString().matches(
          "rivulet-flink1-session-.*\\.jar")).findFirst().orElseThrow(() -> new RuntimeFailure(
              "no rivulet-flink1-session-*.jar in " + home + " (--flink1-home)"));
    } catch (IOException e) {
      throw new RuntimeFailure("could not list " + home + ": " + e.getMessage(), e);
    }
  }

  /** Reads the child's stdout until it names its REST port; the rest of its output is drained. */
  private int awaitPort(Process process, Path logFile) throws RuntimeFailure {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith(READY)) {
            port.complete(Integer.parseInt(line.substring(READY.length()).strip()));
          }
        }
      } catch (IOException | RuntimeException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new IOException("the session cluster exited"));
    }, "flink1-session-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return port.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      stopChild();
      throw new RuntimeFailure("the FLINK-1_x session cluster did not start: " + e.getMessage()
          + "; last lines of " + logFile + ":\n" + tail(logFile), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopChild();
      throw new RuntimeFailure("interrupted while starting the FLINK-1_x session cluster", e);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private void stopChild() {
    Process process = child;
    child = null;
    if (process == null) {
      return;
    }
    try {
      process.getOutputStream().close(); // its stdin: the session shuts down by itself
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    deleteRecursively(settings.workDirectory().resolve("session"));
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: the next start empties it again
        }
      });
    } catch (IOException e) {
      // best effort
    }
  }

  /** Stops the child cluster (its jobs end with it); a remote cluster's jobs keep running. */
  @Override
  public synchronized void close() {
    closed = true;
    rest = null;
    stopChild();
  }
}
