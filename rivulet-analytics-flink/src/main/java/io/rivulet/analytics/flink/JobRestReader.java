package io.rivulet.analytics.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.analytics.runtime.RunningApplication.JobMetrics;
import io.rivulet.analytics.runtime.RunningApplication.JobState;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a job's state, metrics and checkpoint statistics from a Flink cluster's REST API (the
 * documented JSON of {@code /jobs/:id}, {@code /jobs/:id/vertices/:vid/subtasks/metrics} and
 * {@code /jobs/:id/checkpoints}), the same for the embedded and a remote cluster. Thread-safe.
 */
final class JobRestReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final HttpClient http;

  JobRestReader(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** Fails unless the REST endpoint answers {@code /config} (a Flink cluster is there). */
  void checkReachable() throws RuntimeFailure {
    JsonNode config = get("/config");
    if (!config.has("flink-version")) {
      throw new RuntimeFailure(base + " does not look like a Flink REST endpoint");
    }
  }

  /**
   * The job's state: RUNNING once every task runs (or has finished), STARTING before; a job that
   * restarts after a failure counts as RUNNING, as the application does on AWS.
   */
  JobState state(String jobId) throws RuntimeFailure {
    // the job's status is asked of the job manager each time; its details (the tasks' states) may
    // be a second or so old
    String state = get("/jobs/" + jobId + "/status").path("status").asText();
    return switch (state) {
      case "FINISHED" -> JobState.FINISHED;
      case "FAILED", "SUSPENDED" -> JobState.FAILED;
      case "CANCELED" -> JobState.CANCELED;
      case "RUNNING" -> allTasksRunning(get("/jobs/" + jobId)) ? JobState.RUNNING : JobState.STARTING;
      case "RESTARTING", "FAILING", "CANCELLING" -> JobState.RUNNING;
      default -> JobState.STARTING;
    };
  }

  private static boolean allTasksRunning(JsonNode job) {
    for (JsonNode vertex : job.path("vertices")) {
      String status = vertex.path("status").asText();
      if (!status.equals("RUNNING") && !status.equals("FINISHED")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records in: what the job's sources emitted (the task-level numRecordsOut of the vertices
   * nothing feeds, summed over subtasks; a source chained to its sink counts its head operator's
   * records in); records out: what the sinks received (numRecordsIn of the vertices feeding
   * nothing). Checkpoints: completed ones and when the last was acknowledged.
   */
  JobMetrics metrics(String jobId) throws RuntimeFailure {
    JsonNode job = get("/jobs/" + jobId);
    Set<String> fed = new HashSet<>();
    Set<String> feeding = new HashSet<>();
    for (JsonNode node : job.path("plan").path("nodes")) {
      for (JsonNode input : node.path("inputs")) {
        fed.add(node.path("id").asText());
        feeding.add(input.path("id").asText());
      }
    }
    long in = 0;
    long out = 0;
    for (JsonNode vertex : job.path("vertices")) {
      String id = vertex.path("id").asText();
      if (!fed.contains(id)) {
        in += sourceRecords(jobId, id);
      }
      if (!feeding.contains(id)) {
        out += sinkRecords(jobId, id);
      }
    }
    JsonNode checkpoints = get("/jobs/" + jobId + "/checkpoints");
    long completed = checkpoints.path("counts").path("completed").asLong(0);
    long last = checkpoints.path("latest").path("completed").path("latest_ack_timestamp").asLong(0);
    return new JobMetrics(in, out, completed, Math.max(0, last));
  }

  private long sourceRecords(String jobId, String vertexId) throws RuntimeFailure {
    return sum(jobId, vertexId, "numRecordsOut");
  }

  private long sinkRecords(String jobId, String vertexId) throws RuntimeFailure {
    return sum(jobId, vertexId, "numRecordsIn");
  }

  private long sum(String jobId, String vertexId, String metric) throws RuntimeFailure {
    JsonNode values = get("/jobs/" + jobId + "/vertices/" + vertexId
        + "/subtasks/metrics?get=" + metric + "&agg=sum");
    for (JsonNode value : values) {
      if (metric.equals(value.path("id").asText())) {
        return (long) value.path("sum").asDouble(0);
      }
    }
    return 0;
  }

  /** GETs a REST path and parses the JSON answer. */
  JsonNode get(String path) throws RuntimeFailure {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new RuntimeFailure("Flink's REST API answered " + response.statusCode() + " to GET "
            + path + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new RuntimeFailure("could not reach Flink's REST API at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("interrupted while reading Flink's REST API", e);
    }
  }
}
