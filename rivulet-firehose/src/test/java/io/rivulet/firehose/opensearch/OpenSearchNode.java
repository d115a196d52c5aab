package io.rivulet.firehose.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSearch 2.19 node for tests, run in a child JVM ({@link OpenSearchNodeMain}) so that
 * its Lucene, Netty and log4j never meet the test JVM's classes: started with the test JVM's own
 * classpath (which carries {@code org.opensearch:opensearch} and
 * {@code org.opensearch.plugin:transport-netty4-client} as test dependencies), a 512 MiB heap, its
 * data in a fresh temporary directory, HTTP on a free 127.0.0.1 port; stopped by its PID and the
 * directory deleted. Start one per test class ({@code @BeforeAll}/{@code @AfterAll}); a few
 * helpers ({@link #count}, {@link #search}, {@link #refresh}) read what a test delivered.
 * Thread-safe for the HTTP helpers; start/stop/restart from one thread.
 */
public final class OpenSearchNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path home;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;
  private int port;
  private Duration lastStartup = Duration.ZERO;

  private OpenSearchNode(Path home) {
    this.home = home;
  }

  /** Starts a node on a free port and waits until it answers with a green or yellow cluster. */
  public static OpenSearchNode start() {
    try {
      OpenSearchNode node = new OpenSearchNode(Files.createTempDirectory("rivulet-opensearch-"));
      node.launch(0);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node's HTTP endpoint, e.g. {@code http://127.0.0.1:43121}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** The child JVM's process id (the handle that stops it). */
  public long pid() {
    return process.pid();
  }

  /** How long the last start took, from spawning the JVM to a yellow cluster. */
  public Duration startupTime() {
    return lastStartup;
  }

  /** Kills the node (by PID) but keeps its data and port, so {@link #restart} brings it back. */
  public void stop() {
    if (process == null) {
      return;
    }
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts the stopped node again on the same port with the same data. */
  public void restart() {
    if (process != null) {
      throw new IllegalStateException("the node is running");
    }
    launch(port);
  }

  @Override
  public void close() {
    stop();
    deleteTree(home);
  }

  private void launch(int wantedPort) {
    long started = System.nanoTime();
    try {
      Files.deleteIfExists(home.resolve("http.port"));
      Path argFile = home.resolve("java.args");
      Files.writeString(argFile, "-cp\n\"" + classpath().replace("\\", "\\\\") + "\"\n");
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Xshare:auto", "-Djava.awt.headless=true", "-Dlog4j2.disable.jmx=true",
          "-Dopensearch.set.netty.runtime.available.processors=false",
          "@" + argFile, OpenSearchNodeMain.class.getName(), home.toString(),
          Integer.toString(wantedPort)));
      process = new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("node.out").toFile()))
          .start();
      port = awaitPortFile();
      awaitHealthy();
      lastStartup = Duration.ofNanos(System.nanoTime() - started);
    } catch (IOException e) {
      stop();
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting OpenSearch", e);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    return cp;
  }

  private int awaitPortFile() throws IOException, InterruptedException {
    Path portFile = home.resolve("http.port");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(portFile)) {
        return Integer.parseInt(Files.readString(portFile).trim());
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("OpenSearch exited with " + process.exitValue() + ":\n"
            + tail());
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("OpenSearch did not start in " + START_TIMEOUT + ":\n" + tail());
  }

  private void awaitHealthy() {
    JsonNode health = request("GET", "/_cluster/health?wait_for_status=yellow&timeout=60s", null);
    String status = health.path("status").asText();
    if (!status.equals("green") && !status.equals("yellow")) {
      throw new IllegalStateException("OpenSearch cluster is " + health);
    }
  }

  /** The last lines the node printed, for failure messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(home.resolve("node.out"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  /** Sends a request and parses the JSON answer, whatever the status (it is in the body). */
  public JsonNode request(String method, String path, String jsonBody) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri().resolve(path))
        .timeout(Duration.ofSeconds(90))
        .header("Content-Type", "application/json");
    b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(jsonBody));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Makes everything indexed so far visible to search. */
  public void refresh() {
    request("POST", "/_refresh", null);
  }

  /** Documents in the indices matching {@code indexPattern}, after a refresh. */
  public long count(String indexPattern) {
    refresh();
    return request("GET", "/" + indexPattern + "/_count", null).path("count").asLong(-1);
  }

  /** The hits of {@code query} (a query DSL JSON body) over {@code indexPattern}. */
  public JsonNode search(String indexPattern, String query) {
    refresh();
    return request("POST", "/" + indexPattern + "/_search?size=1000", query).path("hits")
        .path("hits");
  }

  /** Names of the indices matching {@code pattern}, sorted. */
  public List<String> indices(String pattern) {
    List<String> names = new ArrayList<>();
    request("GET", "/_cat/indices/" + pattern + "?format=json&expand_wildcards=all", null)
        .forEach(n -> names.add(n.path("index").asText()));
    names.sort(Comparator.naturalOrder());
    return names;
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }
}
