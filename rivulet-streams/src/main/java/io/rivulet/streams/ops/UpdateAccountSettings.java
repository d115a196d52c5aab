package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.Accounts;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes.MinimumThroughputBillingCommitmentOutput;

/**
 * UpdateAccountSettings: enables or disables the minimum throughput billing commitment. A
 * commitment lasts at least 24 hours: a disable asked for sooner leaves it
 * ENABLED_UNTIL_EARLIEST_ALLOWED_END (DISABLED from then on), and enabling again cancels that.
 */
public final class UpdateAccountSettings extends
    KinesisOperation<UpdateAccountSettings.Input, UpdateAccountSettings.Output> {
  private final Accounts accounts;

  public record Commitment(String status) {}

  public record Input(Commitment minimumThroughputBillingCommitment) {}

  public record Output(MinimumThroughputBillingCommitmentOutput minimumThroughputBillingCommitment) {}

  public UpdateAccountSettings(StreamsEngine engine, DataPlane data, Accounts accounts) {
    super(engine, data, Input.class);
    this.accounts = accounts;
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    return new Output(MinimumThroughputBillingCommitmentOutput.of(accounts.requestCommitment(
        ctx.accountId(), in.minimumThroughputBillingCommitment().status())));
  }
}
