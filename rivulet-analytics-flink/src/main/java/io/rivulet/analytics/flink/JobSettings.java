package io.rivulet.analytics.flink;

import io.rivulet.analytics.runtime.ApplicationSpec;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * What a job is run with, as Managed Service for Apache Flink derives it from the application's
 * FlinkApplicationConfiguration: its name, parallelism and checkpointing. Immutable, so
 * thread-safe.
 *
 * @param jobName the Flink job's name (the application's name)
 * @param parallelism the default parallelism of the job's operators
 * @param checkpointing whether checkpoints are taken
 * @param checkpointIntervalMillis how often
 * @param minPauseMillis the least time between the end of one checkpoint and the start of the next
 */
public record JobSettings(
    String jobName, int parallelism, boolean checkpointing, long checkpointIntervalMillis,
    long minPauseMillis) {

  /** AWS's DEFAULT CheckpointConfiguration: enabled, every 60 s, 5 s apart at least. */
  public static final long DEFAULT_INTERVAL_MILLIS = 60_000;
  public static final long DEFAULT_MIN_PAUSE_MILLIS = 5_000;

  public JobSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    if (checkpointIntervalMillis < 1 || minPauseMillis < 0) {
      throw new IllegalArgumentException("bad checkpoint interval or pause");
    }
  }

  /** Parallelism 1, checkpoints as AWS's DEFAULT configuration takes them. */
  public static JobSettings defaults(String jobName) {
    return new JobSettings(jobName, 1, true, DEFAULT_INTERVAL_MILLIS, DEFAULT_MIN_PAUSE_MILLIS);
  }

  /**
   * From the application: its parallelism, and its FlinkApplicationConfiguration's
   * CheckpointConfiguration (DEFAULT: AWS's values whatever else is set; CUSTOM: the members given,
   * AWS's values for those left out).
   */
  public static JobSettings of(ApplicationSpec spec) {
    Map<?, ?> checkpoint = map(map(spec.configuration().get("FlinkApplicationConfiguration"))
        .get("CheckpointConfiguration"));
    boolean enabled = true;
    long interval = DEFAULT_INTERVAL_MILLIS;
    long pause = DEFAULT_MIN_PAUSE_MILLIS;
    if ("CUSTOM".equals(checkpoint.get("ConfigurationType"))) {
      if (checkpoint.get("CheckpointingEnabled") instanceof Boolean b) {
        enabled = b;
      }
      if (checkpoint.get("CheckpointInterval") instanceof Number n && n.longValue() > 0) {
        interval = n.longValue();
      }
      if (checkpoint.get("MinPauseBetweenCheckpoints") instanceof Number n) {
        pause = n.longValue();
      }
    }
    return new JobSettings(spec.applicationName(), Math.max(1, spec.parallelism()), enabled,
        interval, pause);
  }

  public JobSettings withCheckpointInterval(long millis) {
    return new JobSettings(jobName, parallelism, true, millis, Math.min(minPauseMillis, millis));
  }

  /** Writes these settings into a job's Flink configuration. */
  public void applyTo(Configuration configuration) {
    configuration.setString("pipeline.name", jobName);
    configuration.setString("parallelism.default", Integer.toString(parallelism));
    if (checkpointing) {
      configuration.setString("execution.checkpointing.interval", checkpointIntervalMillis + " ms");
      configuration.setString("execution.checkpointing.min-pause", minPauseMillis + " ms");
      configuration.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
    }
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }
}
