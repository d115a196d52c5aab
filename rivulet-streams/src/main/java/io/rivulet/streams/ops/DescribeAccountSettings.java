package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.Accounts;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes.MinimumThroughputBillingCommitmentOutput;

/** DescribeAccountSettings: the caller's account's minimum throughput billing commitment. */
public final class DescribeAccountSettings extends
    KinesisOperation<DescribeAccountSettings.Input, DescribeAccountSettings.Output> {
  private final Accounts accounts;

  public record Input() {}

  public record Output(MinimumThroughputBillingCommitmentOutput minimumThroughputBillingCommitment) {}

  public DescribeAccountSettings(StreamsEngine engine, DataPlane data, Accounts accounts) {
    super(engine, data, Input.class);
    this.accounts = accounts;
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    return new Output(MinimumThroughputBillingCommitmentOutput.of(accounts.get(ctx.accountId())));
  }
}
