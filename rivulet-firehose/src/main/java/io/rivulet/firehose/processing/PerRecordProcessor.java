package io.rivulet.firehose.processing;

import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * A built-in processor that treats each record on its own: passes on what it makes of it (the
 * record changed, several records, or none) or fails it with the processor's error code and one
 * attempt. Thread-safety is the subclass's; the built-in ones are immutable.
 */
abstract class PerRecordProcessor implements RecordProcessor {
  private final String errorCode;

  PerRecordProcessor(String errorCode) {
    this.errorCode = errorCode;
  }

  /** Adds to {@code out} what {@code record} becomes; RecordFailure to fail it instead. */
  abstract void apply(FirehoseRecord record, List<FirehoseRecord> out) throws RecordFailure;

  @Override
  public final Result process(List<FirehoseRecord> records) {
    List<FirehoseRecord> ok = new ArrayList<>(records.size());
    List<FailedRecord> failed = new ArrayList<>();
    List<FirehoseRecord> made = new ArrayList<>();
    for (FirehoseRecord r : records) {
      made.clear();
      try {
        apply(r, made);
        ok.addAll(made);
      } catch (RecordFailure e) {
        failed.add(new FailedRecord(r, errorCode, e.getMessage(), 1));
      }
    }
    return new Result(ok, failed);
  }

  /** Why one record could not be processed (the error output's errorMessage). */
  static final class RecordFailure extends Exception {
    RecordFailure(String message) {
      super(message, null, false, false);
    }
  }
}
