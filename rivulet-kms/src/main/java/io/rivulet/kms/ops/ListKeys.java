package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsKey;
import io.rivulet.protocol.RequestContext;
import java.util.List;

/** ListKeys: the caller's account's keys in its region (customer and AWS managed), paged. */
public final class ListKeys extends KmsOperation<ListKeys.Input, ListKeys.Output> {

  public record Input(Integer limit, String marker) {}

  public record Entry(String keyId, String keyArn) {}

  public record Output(List<Entry> keys, String nextMarker, Boolean truncated) {}

  public ListKeys(KeyStore store) {
    super(store, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Page<KmsKey> p = page(store.keys(ctx.accountId(), ctx.region()), KmsKey::keyId, in.marker(),
        in.limit());
    return new Output(p.items().stream().map(k -> new Entry(k.keyId(), k.arn())).toList(),
        p.nextMarker(), p.truncated());
  }
}
