package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.protocol.RequestContext;
import java.util.List;

/** DescribeKey: by key id, key ARN, alias name or alias ARN. */
public final class DescribeKey extends KmsOperation<DescribeKey.Input, CreateKey.Output> {

  public record Input(String keyId, List<String> grantTokens) {}

  public DescribeKey(KeyStore store) {
    super(store, Input.class);
  }

  @Override
  protected CreateKey.Output call(Input in, RequestContext ctx) {
    return new CreateKey.Output(KeyMetadata.of(store.resolve(in.keyId(), ctx.accountId(),
        ctx.region())));
  }
}
