package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.protocol.RequestContext;

/** CreateAlias: an alias ({@code alias/…}, not {@code alias/aws/…}) for a customer managed key. */
public final class CreateAlias extends KmsOperation<CreateAlias.Input, KmsOperation.Empty> {

  public record Input(String aliasName, String targetKeyId) {}

  public CreateAlias(KeyStore store) {
    super(store, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    store.createAlias(ctx.accountId(), ctx.region(), in.aliasName(), in.targetKeyId());
    return new Empty();
  }
}
