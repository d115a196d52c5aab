package io.rivulet.analytics.engine;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.protocol.AwsException;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.ReadResult;
import io.rivulet.streams.api.ShardInfo;
import io.rivulet.streams.api.StreamInfo;
import io.rivulet.streams.api.StreamRecord;
import io.rivulet.streams.api.StreamsApi;
import io.rivulet.streams.api.StreamsApiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * DiscoverInputSchema's sampling: up to {@value #SAMPLE} records of a Kinesis stream (through
 * {@link StreamsApi}) from TRIM_HORIZON, or from now waiting up to {@value #WAIT_MILLIS} ms for
 * records (NOW), or the lines of an S3 object; the schema is inferred by {@link SchemaInference}.
 * Thread-safe.
 */
public final class SchemaDiscovery {
  static final int SAMPLE = 100;
  static final long WAIT_MILLIS = 3000;
  static final long POLL_MILLIS = 100;
  private final StreamsApi streams;
  private final CodeSource s3;
  private final Clock clock;

  public SchemaDiscovery(StreamsApi streams, CodeSource s3, Clock clock) {
    this.streams = streams;
    this.s3 = s3;
    this.clock = clock;
  }

  /** The DiscoverInputSchema response for sampled raw records. */
  public Map<String, Object> discover(String resourceArn, String startingPosition,
      Map<String, Object> s3Configuration) {
    List<String> raw;
    if (s3Configuration != null) {
      raw = s3Lines(s3Configuration);
    } else if (resourceArn != null) {
      raw = sampleStream(resourceArn, startingPosition);
    } else {
      throw AnalyticsError.INVALID_ARGUMENT.with("Either ResourceARN or S3Configuration must be"
          + " provided.");
    }
    if (raw.isEmpty()) {
      throw unable("No data found in the source to discover a schema from.", raw);
    }
    SchemaInference.Result r = SchemaInference.infer(raw);
    if (r == null) {
      throw unable("Unable to determine the schema: the records are neither JSON objects nor"
          + " CSV lines with a consistent number of columns.", raw);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("InputSchema", r.schema());
    out.put("ParsedInputRecords", r.parsed());
    out.put("ProcessedInputRecords", raw);
    out.put("RawInputRecords", raw);
    return out;
  }

  private List<String> s3Lines(Map<String, Object> conf) {
    String bucket = CodeStore.bucketName(String.valueOf(conf.get("BucketARN")));
    byte[] bytes;
    try {
      bytes = s3.fetch(bucket, String.valueOf(conf.get("FileKey")), null);
    } catch (NoSuchElementException e) {
      throw AnalyticsError.INVALID_ARGUMENT.with("Could not read " + conf.get("FileKey")
          + " from " + conf.get("BucketARN") + ": " + e.getMessage());
    }
    List<String> lines = new ArrayList<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
      if (!line.isEmpty() && lines.size() < SAMPLE) {
        lines.add(line);
      }
    }
    return lines;
  }

  private List<String> sampleStream(String arn, String startingPosition) {
    if (!arn.startsWith("arn:aws:kinesis:")) {
      throw AnalyticsError.INVALID_ARGUMENT.with("Schema discovery reads Kinesis data streams;"
          + " " + arn + " is not one.");
    }
    StreamInfo info;
    try {
      info = streams.describe(arn);
    } catch (StreamsApiException e) {
      throw AnalyticsError.INVALID_ARGUMENT.with("Stream " + arn + " not found.");
    }
    if (!info.readable()) {
      throw AnalyticsError.INVALID_ARGUMENT.with("Stream " + arn + " is " + info.status() + ".");
    }
    boolean now = "NOW".equals(startingPosition);
    List<ShardInfo> shards = streams.shards(info.id());
    Map<String, Position> positions = new LinkedHashMap<>();
    shards.forEach(s -> positions.put(s.shardId(), now ? Position.latest() : Position.trimHorizon()));
    List<String> out = new ArrayList<>();
    long deadline = clock.millis() + (now ? WAIT_MILLIS : 0);
    int polls = 0; // bounded too, so a clock that does not move (tests) cannot keep it here
    do {
      for (Map.Entry<String, Position> p : positions.entrySet()) {
        int room = SAMPLE - out.size();
        if (room <= 0) {
          return out;
        }
        ReadResult r = streams.read(info.id(), p.getKey(), p.getValue(), room, StreamsApi.MAX_READ_BYTES);
        for (StreamRecord rec : r.records()) {
          out.add(new String(rec.data(), StandardCharsets.UTF_8));
        }
        if (r.next() != null) {
          p.setValue(r.next());
        }
      }
      if (out.isEmpty() && now) {
        sleep();
      }
    } while (out.isEmpty() && clock.millis() < deadline && ++polls < WAIT_MILLIS / POLL_MILLIS);
    return out;
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static AwsException unable(String message, List<String> raw) {
    return new AwsException(AnalyticsError.UNABLE_TO_DETECT_SCHEMA, message) {
      private static final long serialVersionUID = 1L;

      @Override
      public Map<String, Object> extraMembers() {
        return Map.of("RawInputRecords", raw, "ProcessedInputRecords", raw);
      }
    };
  }
}
