package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;

/**
 * UpdateMaxRecordSize: the largest record PutRecord(s) accept, 1,024 to 10,240 KiB (the range is
 * the model's, so a value outside it is a ValidationException before this runs).
 */
public final class UpdateMaxRecordSize
    extends KinesisOperation<UpdateMaxRecordSize.Input, KinesisOperation.Empty> {

  public record Input(String streamARN, String streamId, Integer maxRecordSizeInKiB) {}

  public UpdateMaxRecordSize(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.update(StreamRefs.resolve(null, in.streamARN(), ctx),
        m -> m.withMaxRecordSizeKiB(in.maxRecordSizeInKiB()));
    return new Empty();
  }
}
