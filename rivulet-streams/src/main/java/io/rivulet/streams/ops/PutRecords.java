package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.DataPlane.PutEntry;
import io.rivulet.streams.engine.DataPlane.PutOutcome;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * PutRecords: up to 500 records and 5 MiB (data plus partition keys); one log batch per shard;
 * per-record outcomes, with FailedRecordCount.
 */
public final class PutRecords extends KinesisOperation<PutRecords.Input, PutRecords.Output> {
  public static final long MAX_REQUEST_BYTES = 5L * 1024 * 1024;

  public record Entry(byte[] data, String explicitHashKey, String partitionKey) {}

  public record Input(String streamName, String streamARN, List<Entry> records) {}

  public record ResultEntry(String sequenceNumber, String shardId, String errorCode, String errorMessage) {}

  public record Output(Integer failedRecordCount, List<ResultEntry> records, String encryptionType) {}

  public PutRecords(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  public CompletableFuture<Output> handle(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    StreamMeta m = data.writableStream(key);
    long total = 0;
    List<PutEntry> entries = new ArrayList<>(in.records().size());
    for (int i = 0; i < in.records().size(); i++) {
      Entry e = in.records().get(i);
      Records.checkDataSize(e.data(), m.maxRecordSizeKiB(), "records." + (i + 1) + ".member.data");
      total += e.data().length + e.partitionKey().getBytes(StandardCharsets.UTF_8).length;
      entries.add(new PutEntry(e.partitionKey(), Records.explicitHashKey(e.explicitHashKey()), e.data()));
    }
    if (total > MAX_REQUEST_BYTES) {
      throw KinesisError.INVALID_ARGUMENT.with("Records size exceeds 5 MB limit");
    }
    return data.put(key, entries).thenApply(outcomes -> {
      int failed = 0;
      List<ResultEntry> out = new ArrayList<>(outcomes.size());
      for (PutOutcome o : outcomes) {
        if (o.errorCode() != null) {
          failed++;
        }
        out.add(new ResultEntry(o.sequenceNumber(), o.shardId(), o.errorCode(), o.errorMessage()));
      }
      return new Output(failed, out, m.encryptionType());
    });
  }
}
