package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.DataPlane.PutEntry;
import io.rivulet.streams.engine.DataPlane.PutOutcome;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** PutRecord: one record, acknowledged once durable. */
public final class PutRecord extends KinesisOperation<PutRecord.Input, PutRecord.Output> {

  public record Input(String streamName, String streamARN, byte[] data, String partitionKey,
      String explicitHashKey, String sequenceNumberForOrdering) {}

  public record Output(String shardId, String sequenceNumber, String encryptionType) {}

  public PutRecord(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  public CompletableFuture<Output> handle(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    StreamMeta m = data.writableStream(key);
    Records.checkDataSize(in.data(), m.maxRecordSizeKiB(), "data");
    PutEntry entry =
        new PutEntry(in.partitionKey(), Records.explicitHashKey(in.explicitHashKey()), in.data());
    if (in.sequenceNumberForOrdering() != null
        && !Records.validOrderingSequence(in.sequenceNumberForOrdering())) {
      throw KinesisError.INVALID_ARGUMENT.with("ExclusiveMinimumSequenceNumber "
          + in.sequenceNumberForOrdering() + " used in PutRecord on stream " + key.name()
          + " under account " + key.account() + " is invalid.");
    }
    return data.put(key, List.of(entry)).thenApply(outcomes -> {
      PutOutcome o = outcomes.get(0);
      if (DataPlane.THROTTLED.equals(o.errorCode())) {
        throw KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED.with(o.errorMessage());
      }
      if (o.errorCode() != null) {
        throw KinesisError.INTERNAL_FAILURE.with(o.errorMessage());
      }
      return new Output(o.shardId(), o.sequenceNumber(), m.encryptionType());
    });
  }
}
