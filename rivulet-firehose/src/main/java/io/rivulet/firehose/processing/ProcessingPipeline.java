package io.rivulet.firehose.processing;

import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A delivery stream's processing: its configured processors run one after another in Firehose's
 * order (see {@link ProcessorType}); none when processing is disabled. Failed records carry the
 * record as it entered the pipeline (so the error output's {@code rawData} is the source data,
 * e.g. still compressed, as in Firehose), or, for a record de-aggregation made, the record as it
 * was made. Not thread-safe: the delivery engine calls it from one thread; close it when the
 * delivery stream stops or its configuration is replaced (it holds the Lambda client).
 */
public final class ProcessingPipeline implements RecordProcessor, AutoCloseable {
  private final List<RecordProcessor> steps;
  private final String lambdaArn;
  private final Duration lambdaBufferInterval;

  ProcessingPipeline(List<RecordProcessor> steps, String lambdaArn, Duration lambdaBufferInterval) {
    this.steps = List.copyOf(steps);
    this.lambdaArn = lambdaArn;
    this.lambdaBufferInterval = lambdaBufferInterval;
  }

  @Override
  public Result process(List<FirehoseRecord> records) throws DeliveryException {
    if (steps.isEmpty()) {
      return new Result(records, List.of());
    }
    Map<String, FirehoseRecord> sources = new HashMap<>();
    records.forEach(r -> sources.putIfAbsent(r.recordId(), r));
    List<FirehoseRecord> current = records;
    List<FailedRecord> failed = new ArrayList<>();
    for (RecordProcessor step : steps) {
      Result result = step.process(current);
      for (FailedRecord f : result.failed()) {
        FirehoseRecord source = sources.getOrDefault(f.record().recordId(), f.record());
        failed.add(new FailedRecord(source, f.errorCode(), f.errorMessage(), f.attemptsMade()));
      }
      current = result.ok();
    }
    return new Result(current, failed);
  }

  /** Whether any processor runs (false: records pass through unchanged). */
  public boolean enabled() {
    return !steps.isEmpty();
  }

  /**
   * The Lambda processor's function ARN (the {@code lambdaArn} of processing-failed error lines),
   * or null when no Lambda processor runs.
   */
  public String lambdaArn() {
    return lambdaArn;
  }

  /**
   * The Lambda processor's {@code BufferIntervalInSeconds} (default 60 s), or null when no Lambda
   * processor runs. The processor invokes the function when the engine hands it a batch; an
   * engine that wants Firehose's timing cuts batches for processing no later than this.
   */
  public Duration lambdaBufferInterval() {
    return lambdaBufferInterval;
  }

  @Override
  public void close() {
    for (RecordProcessor step : steps) {
      if (step instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          // closing a client: nothing left to do with the failure
        }
      }
    }
  }
}
