package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.protocol.RequestContext;

/**
 * RotateKeyOnDemand: a new version of a customer managed key's material becomes current at once
 * (AWS rotates asynchronously); data keys wrapped by older versions stay readable.
 */
public final class RotateKeyOnDemand
    extends KmsOperation<DisableKey.Input, RotateKeyOnDemand.Output> {

  public record Output(String keyId) {}

  public RotateKeyOnDemand(KeyStore store) {
    super(store, DisableKey.Input.class);
  }

  @Override
  protected Output call(DisableKey.Input in, RequestContext ctx) {
    return new Output(store.rotate(in.keyId(), ctx.accountId(), ctx.region()).keyId());
  }
}
