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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a job's state, metrics and checkpoint statistics from a Flink cluster's REST API (the
 * documented JSON of {@code /jobs/:id}, {@code /jobs/:id/vertices/:vid/subtasks/metrics} and
 * {@code /jobs/:id/checkpoints}), the same for the embedded and a remote cluster. Thread-safe.
 */
public final class JobRestReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final HttpClient http;

  public JobRestReader(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /**
   * Fails unless the REST endpoint answers {@code /config} (a Flink cluster is there); a cluster
   * still electing its leader (503) gets up to 30 s.
   */
  public void checkReachable() throws RuntimeFailure {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode config;
    while (true) {
      try {
        config = get("/config");
        break;
      } catch (RuntimeFailure e) {
        if (!e.getMessage().contains(" answered 503 ") || System.nanoTime() > deadline) {
          throw e;
        }
        FlinkEngine.sleep(200);
      }
    }
    if (!config.has("flink-version")) {
      throw new RuntimeFailure(base + " does not look like a Flink REST endpoint");
    }
  }

  /**
   * The job's state: RUNNING once every task runs (or has finished), STARTING before; a job that
   * restarts after a failure counts as RUNNING, as the application does on AWS.
   */
  public JobState state(String jobId) throws RuntimeFailure {
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
   * Records in: what the job's source operators emitted (their numRecordsOut); records out: what
   * its sink writers took in (numRecordsIn, see {@link #isSinkInput}; not a sink's committer's,
   * which receives committables rather than records); both summed over every
   * subtask of every task. Checkpoints: completed ones, and when the last was acknowledged.
   */
  public JobMetrics metrics(String jobId) throws RuntimeFailure {
    JsonNode job = get("/jobs/" + jobId);
    long in = 0;
    long out = 0;
    for (JsonNode vertex : job.path("vertices")) {
      String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()
          + "/subtasks/metrics";
      List<String> wanted = new ArrayList<>();
      for (JsonNode metric : get(path)) {
        String id = metric.path("id").asText();
        if (isSourceOutput(id) || isSinkInput(id)) {
          wanted.add(id);
        }
      }
      if (wanted.isEmpty()) {
        continue;
      }
      for (JsonNode value : get(path + "?agg=sum&get=" + String.join(",", wanted))) {
        String id = value.path("id").asText();
        long sum = (long) value.path("sum").asDouble(0);
        if (isSourceOutput(id)) {
          in += sum;
        } else if (isSinkInput(id)) {
          out += sum;
        }
      }
    }
    JsonNode checkpoints = get("/jobs/" + jobId + "/checkpoints");
    long completed = checkpoints.path("counts").path("completed").asLong(0);
    long last = checkpoints.path("latest").path("completed").path("latest_ack_timestamp").asLong(0);
    return new JobMetrics(in, out, completed, Math.max(0, last));
  }

  /** An operator metric of a source's records out ("Source__numbers.numRecordsOut"). */
  private static boolean isSourceOutput(String id) {
    return id.startsWith("Source__") && id.endsWith(".numRecordsOut");
  }

  /**
   * An operator metric of a sink's records in: a DataStream sink's ("Sink: Writer" is
   * "Sink__Writer.numRecordsIn") or a SQL sink's writer's ("sink_a[2]: Writer" is
   * "sink_a[2]__Writer.numRecordsIn"), not a committer's.
   */
  private static boolean isSinkInput(String id) {
    if (!id.endsWith(".numRecordsIn") || id.contains("Committer")) {
      return false;
    }
    String operator = id.substring(0, id.length() - ".numRecordsIn".length());
    return operator.startsWith("Sink__") || operator.endsWith("Writer");
  }

  /** GETs a REST path and parses the JSON answer. */
  public JsonNode get(String path) throws RuntimeFailure {
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
