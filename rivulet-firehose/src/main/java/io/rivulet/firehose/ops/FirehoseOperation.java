package io.rivulet.firehose.ops;

import io.rivulet.firehose.engine.DeliveryStreamKey;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.AbstractOperation;
import io.rivulet.protocol.RequestContext;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Base of the Firehose operations: the engine and destination rules they work with. Thread-safe. */
abstract class FirehoseOperation<I, O> extends AbstractOperation<I, O> {
  protected final FirehoseEngine engine;
  protected final DestinationConfigs configs;

  FirehoseOperation(FirehoseEngine engine, DestinationConfigs configs, Class<I> inputType) {
    super(inputType);
    this.engine = engine;
    this.configs = configs;
  }

  /** The delivery stream of that name in the caller's account and region. */
  static DeliveryStreamKey key(RequestContext ctx, String name) {
    return new DeliveryStreamKey(ctx.accountId(), ctx.region(), name);
  }

  /**
   * The members of an input record whose names end with {@code suffix} and that were given
   * (non-null structures), by member name ({@code extendedS3DestinationConfiguration} is
   * {@code ExtendedS3DestinationConfiguration}), in declaration order.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> given(Record input, String suffix) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (RecordComponent c : input.getClass().getRecordComponents()) {
      if (!c.getName().endsWith(suffix)) {
        continue;
      }
      Object value;
      try {
        value = c.getAccessor().invoke(input);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c, e);
      }
      if (value != null) {
        String name = c.getName();
        out.put(Character.toUpperCase(name.charAt(0)) + name.substring(1),
            (Map<String, Object>) value);
      }
    }
    return out;
  }

  /** An empty output (operations whose response body is {@code {}}). */
  public record Empty() {}

  /** A tag as the API writes it. */
  public record Tag(String key, String value) {}
}
