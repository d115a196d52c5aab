package io.rivulet.firehose.ops;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * PutRecordBatch: up to 500 records (the model) of up to 1,000 KiB each (the model) and 4 MiB in
 * all, appended as one durable batch; per-record RecordId, or ErrorCode/ErrorMessage for records
 * refused by throttling, with FailedPutCount.
 */
public final class PutRecordBatch
    extends FirehoseOperation<PutRecordBatch.Input, PutRecordBatch.Output> {
  public static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;
  static final String SLOW_DOWN = "Slow down.";

  public record Input(String deliveryStreamName, List<PutRecord.Record> records) {}

  public record Entry(String recordId, String errorCode, String errorMessage) {}

  public record Output(Integer failedPutCount, Boolean encrypted, List<Entry> requestResponses) {}

  public PutRecordBatch(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  public CompletableFuture<Output> handle(Input in, RequestContext ctx) {
    List<byte[]> data = new ArrayList<>(in.records().size());
    long total = 0;
    for (PutRecord.Record r : in.records()) {
      data.add(r.data());
      total += r.data().length;
    }
    if (total > MAX_REQUEST_BYTES) {
      throw FirehoseError.INVALID_ARGUMENT.with("Records size exceeds 4 MB limit");
    }
    return engine.put(key(ctx, in.deliveryStreamName()), data).thenApply(r -> {
      List<Entry> entries = new ArrayList<>(r.recordIds().size());
      int failed = 0;
      for (String id : r.recordIds()) {
        if (id == null) {
          failed++;
          entries.add(new Entry(null, FirehoseError.SERVICE_UNAVAILABLE.type(), SLOW_DOWN));
        } else {
          entries.add(new Entry(id, null, null));
        }
      }
      return new Output(failed, r.encrypted(), entries);
    });
  }
}
