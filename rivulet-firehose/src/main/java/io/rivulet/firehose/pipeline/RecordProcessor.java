package io.rivulet.firehose.pipeline;

import java.util.List;

/**
 * One step of a delivery stream's ProcessingConfiguration (a Lambda function or a built-in
 * processor). Implementations say whether they are thread-safe; the delivery engine calls one
 * processor from one thread at a time.
 */
public interface RecordProcessor {

  /** What a processing step made of a batch: records to go on (Ok), and ProcessingFailed ones. */
  record Result(List<FirehoseRecord> ok, List<FailedRecord> failed) {
    public Result {
      ok = List.copyOf(ok);
      failed = List.copyOf(failed);
    }
  }

  /**
   * Processes records in order. Records Dropped by the processor appear in neither list. Throws
   * when the whole invocation failed after the processor's own retries (NumberOfRetries); the
   * engine then sends the batch to the error output as processing-failed.
   */
  Result process(List<FirehoseRecord> records) throws DeliveryException;
}
