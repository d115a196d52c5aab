package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsKey;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;
import java.util.List;

/** ListKeyRotations: a key's rotations (every version after the first), oldest first, paged. */
public final class ListKeyRotations
    extends KmsOperation<ListKeyRotations.Input, ListKeyRotations.Output> {

  public record Input(String keyId, String includeKeyMaterial, Integer limit, String marker) {}

  public record Entry(String keyId, String keyMaterialId, Instant rotationDate,
      String rotationType) {}

  public record Output(List<Entry> rotations, String nextMarker, Boolean truncated) {}

  public ListKeyRotations(KeyStore store) {
    super(store, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    KmsKey k = store.resolve(in.keyId(), ctx.accountId(), ctx.region());
    List<KmsKey.Version> rotations = k.versions().subList(1, k.versions().size());
    Page<KmsKey.Version> p = page(rotations, KmsKey.Version::materialId, in.marker(), in.limit());
    return new Output(p.items().stream().map(v -> new Entry(k.keyId(), v.materialId(),
        Instant.ofEpochMilli(v.createdMillis()), v.rotationType())).toList(), p.nextMarker(),
        p.truncated());
  }
}
