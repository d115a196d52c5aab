package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsKey;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;
import java.util.List;

/** ListAliases: the caller's account's aliases in its region, or one key's (KeyId), paged. */
public final class ListAliases extends KmsOperation<ListAliases.Input, ListAliases.Output> {

  public record Input(String keyId, Integer limit, String marker) {}

  public record Entry(String aliasName, String aliasArn, String targetKeyId, Instant creationDate,
      Instant lastUpdatedDate) {}

  public record Output(List<Entry> aliases, String nextMarker, Boolean truncated) {}

  public ListAliases(KeyStore store) {
    super(store, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    List<KeyStore.Alias> all = store.aliases(ctx.accountId(), ctx.region());
    if (in.keyId() != null) {
      KmsKey k = store.resolve(in.keyId(), ctx.accountId(), ctx.region());
      all = all.stream().filter(a -> a.targetKeyId().equals(k.keyId())).toList();
    }
    Page<KeyStore.Alias> p = page(all, KeyStore.Alias::name, in.marker(), in.limit());
    return new Output(p.items().stream().map(a -> new Entry(a.name(), a.arn(), a.targetKeyId(),
        Instant.ofEpochMilli(a.createdMillis()), Instant.ofEpochMilli(a.updatedMillis()))).toList(),
        p.nextMarker(), p.truncated());
  }
}
