package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.Accounts;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes.StreamModeDetails;

/**
 * UpdateStreamMode: switches PROVISIONED ↔ ON_DEMAND, keeping the current shards; the stream is
 * UPDATING for the update delay. A switch to ON_DEMAND counts against the on-demand stream limit
 * and may ask for warm throughput; a stream switches at most twice in 24 hours. Asking for the
 * mode the stream already has changes nothing.
 */
public final class UpdateStreamMode
    extends KinesisOperation<UpdateStreamMode.Input, KinesisOperation.Empty> {
  static final int SWITCHES_PER_DAY = 2;
  private final Accounts accounts;

  public record Input(String streamARN, String streamId, StreamModeDetails streamModeDetails,
      Integer warmThroughputMiBps) {}

  public UpdateStreamMode(StreamsEngine engine, DataPlane data, Accounts accounts) {
    super(engine, data, Input.class);
    this.accounts = accounts;
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    StreamKey key = StreamRefs.resolve(null, in.streamARN(), ctx);
    String target = in.streamModeDetails().streamMode();
    Integer warm = in.warmThroughputMiBps();
    if (warm != null && !target.equals(StreamMeta.ON_DEMAND)) {
      throw KinesisError.INVALID_ARGUMENT.with(
          "WarmThroughputMiBps is only valid when the stream mode is updated to ON_DEMAND.");
    }
    engine.updateWithDelay(key, m -> {
      if (m.mode().equals(target)) {
        return m;
      }
      long now = engine.clock().millis();
      if (m.recentUpdates(name(), now - 86_400_000L) >= SWITCHES_PER_DAY) {
        throw KinesisError.LIMIT_EXCEEDED.with("Stream " + key.name() + " under account "
            + key.account() + " has already had its mode updated " + SWITCHES_PER_DAY
            + " times in the last 24 hours.");
      }
      StreamMeta next = m.withMode(target).withRecentUpdate(name(), now);
      if (target.equals(StreamMeta.PROVISIONED)) {
        return next.withWarmThroughput(null);
      }
      engine.checkOnDemandLimit(key);
      if (warm != null) {
        WarmThroughput.check(accounts, key, target, warm);
        next = next.withWarmThroughput(warm);
      }
      return next;
    });
    return new Empty();
  }
}
