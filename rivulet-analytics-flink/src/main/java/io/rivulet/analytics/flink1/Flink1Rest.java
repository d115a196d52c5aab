package io.rivulet.analytics.flink1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.analytics.flink.JobRestReader;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * What the FLINK-1_x runtime asks of a Flink cluster, through its documented REST API (whose JSON
 * is the same across 1.x versions): upload a jar and run it (its main runs on the cluster, as with
 * {@code flink run}), trigger savepoints, stop with a savepoint, cancel, read a job's root
 * exception; job state and metrics through {@link JobRestReader}. Thread-safe.
 */
public final class Flink1Rest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** How long running a jar's main (it builds the job graph) and a savepoint may take. */
  static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(120);

  private final URI base;
  private final HttpClient http;
  private final JobRestReader reader;

  public Flink1Rest(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
        .build();
    this.reader = new JobRestReader(base);
  }

  public URI base() {
    return base;
  }

  /** Job state, metrics and checkpoint statistics. */
  public JobRestReader reader() {
    return reader;
  }

  /** POST /jars/upload (multipart, as the web UI sends it); returns the jar's id. */
  public String upload(Path jar) throws RuntimeFailure {
    String boundary = "rivulet-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
          + " filename=\"" + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive"
          + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(Files.readAllBytes(jar));
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RuntimeFailure("could not read the application jar " + jar + ": " + e.getMessage(), e);
    }
    JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/jars/upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .timeout(OPERATION_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), "upload the jar");
    String file = answer.path("filename").asText();
    return file.substring(file.lastIndexOf('/') + 1);
  }

  /** POST /jars/:id/run with {@code request} (entryClass, programArgsList, ...); the job id. */
  public String run(String jarId, Map<String, Object> request) throws RuntimeFailure {
    JsonNode answer = sendJson("POST", "/jars/" + jarId + "/run", request, "run the jar");
    return answer.path("jobid").asText();
  }

  /** DELETE /jars/:id: the uploaded copy is not needed once the job is submitted. */
  public void deleteJar(String jarId) throws RuntimeFailure {
    send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId)).timeout(TIMEOUT).DELETE(),
        "delete the uploaded jar");
  }

  /** Takes a savepoint into {@code directory} (a path on the cluster); returns its location. */
  public String savepoint(String jobId, Path directory) throws RuntimeFailure {
    JsonNode trigger = sendJson("POST", "/jobs/" + jobId + "/savepoints", Map.of(
        "target-directory", directory.toAbsolutePath().toUri().toString(), "cancel-job", false,
        "formatType", "CANONICAL"), "trigger a savepoint");
    return awaitSavepoint(jobId, trigger.path("request-id").asText());
  }

  /** Stops the job with a savepoint into {@code directory}; returns its location. */
  public String stopWithSavepoint(String jobId, Path directory) throws RuntimeFailure {
    JsonNode trigger = sendJson("POST", "/jobs/" + jobId + "/stop", Map.of(
        "targetDirectory", directory.toAbsolutePath().toUri().toString(), "drain", false,
        "formatType", "CANONICAL"), "stop the job with a savepoint");
    return awaitSavepoint(jobId, trigger.path("request-id").asText());
  }

  private String awaitSavepoint(String jobId, String triggerId) throws RuntimeFailure {
    long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = reader.get("/jobs/" + jobId + "/savepoints/" + triggerId);
      if (status.path("status").path("id").asText().equals("COMPLETED")) {
        JsonNode operation = status.path("operation");
        if (operation.has("failure-cause")) {
          throw new RuntimeFailure("the savepoint failed: " + operation.path("failure-cause")
              .path("stack-trace").asText("").lines().findFirst().orElse("unknown cause"));
        }
        return operation.path("location").asText();
      }
      sleep(100);
    }
    throw new RuntimeFailure("the savepoint of job " + jobId + " did not complete in "
        + OPERATION_TIMEOUT.toSeconds() + " s");
  }

  /** PATCH /jobs/:id?mode=cancel. */
  public void cancel(String jobId) throws RuntimeFailure {
    send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel")).timeout(TIMEOUT)
        .method("PATCH", HttpRequest.BodyPublishers.noBody()), "cancel the job");
  }

  /** The first line of the job's root exception, or null when it has none. */
  public String rootException(String jobId) throws RuntimeFailure {
    JsonNode exceptions = reader.get("/jobs/" + jobId + "/exceptions");
    String root = exceptions.path("root-exception").asText(null);
    if (root == null) {
      JsonNode entries = exceptions.path("exceptionHistory").path("entries");
      root = entries.isEmpty() ? null : entries.get(0).path("stacktrace").asText(null);
    }
    return root == null ? null : root.lines().findFirst().orElse(root);
  }

  private JsonNode sendJson(String method, String path, Object body, String what)
      throws RuntimeFailure {
    try {
      return send(HttpRequest.newBuilder(base.resolve(path)).timeout(OPERATION_TIMEOUT)
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), what);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new RuntimeFailure("could not write the request to " + what, e);
    }
  }

  /** Sends a request; 2xx answers are parsed as JSON, others become a RuntimeFailure. */
  private JsonNode send(HttpRequest.Builder request, String what) throws RuntimeFailure {
    try {
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new RuntimeFailure("could not " + what + ": " + errors(response.body()));
      }
      String text = response.body();
      return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new RuntimeFailure("could not reach Flink's REST API at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("interrupted while asking Flink's REST API to " + what, e);
    }
  }

  /**
   * Flink's {@code {"errors": [...]}}, shortened to what a user needs: the innermost "Caused by"
   * of each stack trace, else its first line.
   */
  static String errors(String body) {
    try {
      StringBuilder out = new StringBuilder();
      for (JsonNode error : JSON.readTree(body).path("errors")) {
        String text = error.asText();
        String cause = text.lines().filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
            .map(l -> l.substring("Caused by: ".length()))
            .orElse(text.lines().findFirst().orElse(text));
        out.append(out.length() == 0 ? "" : "; ").append(cause.strip());
      }
      return out.length() == 0 ? body : out.toString();
    } catch (IOException e) {
      return body;
    }
  }

  static void sleep(long millis) throws RuntimeFailure {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("interrupted", e);
    }
  }
}
