package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.Accounts;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes.StreamModeDetails;
import java.util.Map;

/**
 * CreateStream: PROVISIONED with ShardCount, or ON_DEMAND (4 shards to start, as AWS); optionally
 * MaxRecordSizeInKiB and (on-demand streams) WarmThroughputMiBps.
 */
public final class CreateStream extends KinesisOperation<CreateStream.Input, KinesisOperation.Empty> {
  static final int ON_DEMAND_INITIAL_SHARDS = 4;

  public record Input(String streamName, Integer shardCount, StreamModeDetails streamModeDetails,
      Map<String, String> tags, Integer warmThroughputMiBps, Integer maxRecordSizeInKiB) {}

  private final Accounts accounts;

  public CreateStream(StreamsEngine engine, DataPlane data, Accounts accounts) {
    super(engine, data, Input.class);
    this.accounts = accounts;
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    String mode = in.streamModeDetails() == null ? "PROVISIONED" : in.streamModeDetails().streamMode();
    int shards;
    if (mode.equals("ON_DEMAND")) {
      if (in.shardCount() != null) {
        throw KinesisError.INVALID_ARGUMENT.with(
            "ShardCount must not be specified for streams in ON_DEMAND mode.");
      }
      shards = ON_DEMAND_INITIAL_SHARDS;
    } else {
      if (in.shardCount() == null) {
        throw KinesisError.INVALID_ARGUMENT.with("ShardCount is required for PROVISIONED streams.");
      }
      shards = in.shardCount();
    }
    if (in.tags() != null && in.tags().size() > StreamsEngine.MAX_TAGS_PER_STREAM) {
      throw KinesisError.INVALID_ARGUMENT.with("Failed to create stream " + in.streamName()
          + " under account " + ctx.accountId() + " because a given stream cannot have more than "
          + StreamsEngine.MAX_TAGS_PER_STREAM + " tags associated with it.");
    }
    StreamKey key = new StreamKey(ctx.accountId(), ctx.region(), in.streamName());
    Integer warm = in.warmThroughputMiBps();
    if (warm != null) {
      WarmThroughput.check(accounts, key, mode, warm);
    }
    int maxRecordSize = in.maxRecordSizeInKiB() == null
        ? StreamMeta.DEFAULT_MAX_RECORD_SIZE_KIB : in.maxRecordSizeInKiB();
    engine.create(key, shards, mode, in.tags() == null ? Map.of() : in.tags(),
        m -> m.withMaxRecordSizeKiB(maxRecordSize).withWarmThroughput(warm));
    return new Empty();
  }
}
