package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.DataPlane.ReadRecord;
import io.rivulet.streams.engine.DataPlane.ReadResult;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes;
import io.rivulet.streams.model.Shapes.ChildShard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** GetRecords: up to Limit (≤ 10,000) records and 10 MiB from the iterator's position. */
public final class GetRecords extends KinesisOperation<GetRecords.Input, GetRecords.Output> {

  public record Input(String shardIterator, Integer limit, String streamARN) {}

  public record Record(String sequenceNumber, Instant approximateArrivalTimestamp, byte[] data,
      String partitionKey, String encryptionType) {}

  public record Output(List<Record> records, String nextShardIterator, Long millisBehindLatest,
      List<ChildShard> childShards) {}

  public GetRecords(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    ReadResult r = data.read(in.shardIterator(),
        in.limit() == null ? DataPlane.MAX_GET_RECORDS : in.limit());
    List<Record> records = new ArrayList<>(r.records().size());
    for (ReadRecord rec : r.records()) {
      records.add(new Record(rec.sequenceNumber(), rec.arrival(), rec.data(), rec.partitionKey(),
          rec.encrypted() ? StreamMeta.KMS : null));
    }
    return new Output(records, r.nextIterator(), r.millisBehindLatest(),
        r.nextIterator() == null ? Shapes.childShards(r.stream(), r.shard()) : null);
  }
}
