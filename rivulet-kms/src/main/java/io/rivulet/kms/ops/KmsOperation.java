package io.rivulet.kms.ops;

import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsError;
import io.rivulet.protocol.AbstractOperation;
import java.util.List;
import java.util.function.Function;

/** The common base of the KMS operations: the key store they act on. Thread-safe. */
abstract class KmsOperation<I, O> extends AbstractOperation<I, O> {
  static final int MAX_LIMIT = 1000;
  static final int DEFAULT_LIMIT = 100;
  protected final KeyStore store;

  KmsOperation(KeyStore store, Class<I> inputType) {
    super(inputType);
    this.store = store;
  }

  /** Empty output (operations whose response has no members). */
  public record Empty() {}

  /** One page of {@code all}: from the item whose name is {@code marker}, at most {@code limit}. */
  record Page<T>(List<T> items, String nextMarker) {
    Boolean truncated() {
      return nextMarker != null;
    }
  }

  static <T> Page<T> page(List<T> all, Function<T, String> name, String marker, Integer limit) {
    int n = limit == null ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    int start = 0;
    if (marker != null) {
      start = -1;
      for (int i = 0; i < all.size(); i++) {
        if (name.apply(all.get(i)).equals(marker)) {
          start = i;
          break;
        }
      }
      if (start < 0) {
        throw KmsError.INVALID_MARKER.with("Invalid marker: " + marker);
      }
    }
    int end = Math.min(all.size(), start + n);
    return new Page<>(all.subList(start, end), end < all.size() ? name.apply(all.get(end)) : null);
  }
}
