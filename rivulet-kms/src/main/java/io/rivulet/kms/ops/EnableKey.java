package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.protocol.RequestContext;

/** EnableKey: a disabled customer managed key can encrypt and decrypt again. */
public final class EnableKey extends KmsOperation<DisableKey.Input, KmsOperation.Empty> {

  public EnableKey(KeyStore store) {
    super(store, DisableKey.Input.class);
  }

  @Override
  protected Empty call(DisableKey.Input in, RequestContext ctx) {
    store.setEnabled(in.keyId(), ctx.accountId(), ctx.region(), true);
    return new Empty();
  }
}
