package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.protocol.RequestContext;

/**
 * DisableKey: a customer managed key that neither encrypts nor decrypts until enabled; writes and
 * reads of data under it fail with the service's KMSDisabledException.
 */
public final class DisableKey extends KmsOperation<DisableKey.Input, KmsOperation.Empty> {

  public record Input(String keyId) {}

  public DisableKey(KeyStore store) {
    super(store, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    store.setEnabled(in.keyId(), ctx.accountId(), ctx.region(), false);
    return new Empty();
  }
}
