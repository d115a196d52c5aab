package io.rivulet.firehose.ops;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * PutRecord: one record (at most 1,000 KiB, checked by the model) into a DirectPut delivery
 * stream's buffer, answered once durable with its RecordId.
 */
public final class PutRecord extends FirehoseOperation<PutRecord.Input, PutRecord.Output> {

  public record Record(byte[] data) {}

  public record Input(String deliveryStreamName, Record record) {}

  public record Output(String recordId, Boolean encrypted) {}

  public PutRecord(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  public CompletableFuture<Output> handle(Input in, RequestContext ctx) {
    return engine.put(key(ctx, in.deliveryStreamName()), List.of(in.record().data()))
        .thenApply(r -> {
          String id = r.recordIds().get(0);
          if (id == null) {
            throw FirehoseError.SERVICE_UNAVAILABLE.with(PutRecordBatch.SLOW_DOWN);
          }
          return new Output(id, r.encrypted());
        });
  }
}
