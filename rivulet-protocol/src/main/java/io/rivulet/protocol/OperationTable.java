package io.rivulet.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A service's operations by AWS name: one line per operation where the service is wired. Immutable. */
public final class OperationTable {
  private final Map<String, Operation<?, ?>> operations;

  private OperationTable(Map<String, Operation<?, ?>> operations) {
    this.operations = Collections.unmodifiableMap(new LinkedHashMap<>(operations));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Operation<?, ?>> get(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  public Set<String> names() {
    return operations.keySet();
  }

  /** Collects operations; a name registered twice is a programming error. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Operation<?, ?>> operations = new LinkedHashMap<>();

    public Builder add(Operation<?, ?> operation) {
      if (operations.putIfAbsent(operation.name(), operation) != null) {
        throw new IllegalArgumentException("operation registered twice: " + operation.name());
      }
      return this;
    }

    public OperationTable build() {
      return new OperationTable(operations);
    }
  }
}
