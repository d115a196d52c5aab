package io.rivulet.streams.ops;

import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.Accounts;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;

/**
 * The rules of warm throughput, shared by CreateStream, UpdateStreamMode and
 * UpdateStreamWarmThroughput: on-demand streams only, in accounts with the minimum throughput
 * billing commitment enabled, at most 10 GiBps. Stateless.
 */
final class WarmThroughput {
  /** AWS: "By default, you cannot … scale to more than 10 GiBps for an on-demand stream". */
  static final int MAX_MIBPS = 10_240;

  private WarmThroughput() {}

  /** Throws AWS's error when {@code mibps} cannot be asked for a stream in {@code mode}. */
  static void check(Accounts accounts, StreamKey key, String mode, int mibps) {
    if (!mode.equals(StreamMeta.ON_DEMAND)) {
      throw KinesisError.INVALID_ARGUMENT.with("Warm throughput is only supported for streams in"
          + " ON_DEMAND mode. Stream " + key.name() + " under account " + key.account()
          + " is in " + mode + " mode.");
    }
    if (!accounts.get(key.account()).committed()) {
      throw KinesisError.INVALID_ARGUMENT.with("Warm throughput requires the account "
          + key.account() + " to have MinimumThroughputBillingCommitment enabled.");
    }
    if (mibps > MAX_MIBPS) {
      throw KinesisError.LIMIT_EXCEEDED.with("Requested warm throughput of " + mibps
          + " MiBps for stream " + key.name() + " under account " + key.account()
          + " exceeds the limit of " + MAX_MIBPS + " MiBps.");
    }
  }
}
