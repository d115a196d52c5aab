package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.protocol.RequestContext;

/**
 * DeleteAlias: the key stays, and so does data encrypted under it; names that used the alias no
 * longer find it.
 */
public final class DeleteAlias extends KmsOperation<DeleteAlias.Input, KmsOperation.Empty> {

  public record Input(String aliasName) {}

  public DeleteAlias(KeyStore store) {
    super(store, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    store.deleteAlias(ctx.accountId(), ctx.region(), in.aliasName());
    return new Empty();
  }
}
