package io.rivulet.protocol;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds values read by {@link ShapeReader} to input records (components named as the members in
 * lowerCamelCase). Supported component types: {@code String}, {@code Integer}/{@code Long}/{@code
 * Short}/{@code Double}/{@code Float} and their primitives, {@code Boolean}, {@code byte[]}, {@code
 * ByteBuffer}, {@code Instant}, {@code List<T>}, {@code Map<String, T>}, nested records, Java enums
 * (by constant name) and {@code Object} (the raw value). Thread-safe (reflection data is cached
 * per class).
 *
 * <p>The static {@link #bind(Map, Class)} resolves every component's member name against the keys
 * present, per call. An instance bound to a model caches, per (record class, input shape), a {@link
 * Plan}: each component's member name resolved once against the shape's members, and how its value
 * converts (nested records, lists and maps of them through their own plans). Both give the same
 * records: the values a {@link ShapeReader} produces are keyed by the shape's member names, and a
 * plan is only made for shapes whose member names differ other than by case, where resolving
 * against the shape and against any subset of it agree.
 */
final class RecordBinder {
  private static final ClassValue<Constructor<?>> CONSTRUCTORS =
      new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Class<?>[] types = new Class<?>[components.length];
          for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
          }
          try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c;
          } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record without canonical constructor: " + type, e);
          }
        }
      };

  private final ServiceModel model;
  private final ClassValue<Map<String, Optional<Plan>>> plans =
      new ClassValue<>() {
        @Override
        protected Map<String, Optional<Plan>> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  RecordBinder(ServiceModel model) {
    this.model = model;
  }

  /**
   * Creates a {@code type} record from the values of structure {@code shape} (as {@link
   * ShapeReader} reads them), through a cached plan; the same record as {@link #bind(Map, Class)}.
   */
  <T> T bind(Map<String, Object> values, Class<T> type, Shape shape) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException("operation input type is not a record: " + type.getName());
    }
    Optional<Plan> plan = plan(type, shape);
    return plan.isPresent() ? type.cast(plan.get().bind(values)) : bind(values, type);
  }

  private Optional<Plan> plan(Class<?> type, Shape shape) {
    Map<String, Optional<Plan>> byShape = plans.get(type);
    Optional<Plan> p = byShape.get(shape.name());
    if (p == null) {
      p = byShape.computeIfAbsent(shape.name(), k -> Optional.ofNullable(Plan.of(type, shape, this)));
    }
    return p;
  }

  /** How a value converts to a component's type: through a plan where a shape is known. */
  private interface Conversion {
    Object apply(Object value);
  }

  private Conversion conversion(Type generic, Class<?> raw, Shape shape) {
    if (shape != null && raw.isRecord() && shape.type() == ShapeType.STRUCTURE && !raw.isPrimitive()) {
      return new Conversion() {
        private volatile Optional<Plan> plan;

        @Override
        public Object apply(Object value) {
          if (value == null) {
            return null;
          }
          Optional<Plan> p = plan;
          if (p == null) {
            p = plan(raw, shape);
            plan = p;
          }
          return p.isPresent() ? p.get().bind(castMap(value)) : bind(castMap(value), raw);
        }
      };
    }
    if (shape != null && List.class.isAssignableFrom(raw) && shape.type() == ShapeType.LIST) {
      Type element = typeArgument(generic, 0);
      Conversion each = conversion(element, rawClass(element), model.shape(shape.member()));
      return value -> {
        if (value == null) {
          return null;
        }
        List<?> items = (List<?>) value;
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
          out.add(each.apply(item));
        }
        return Collections.unmodifiableList(out);
      };
    }
    if (shape != null && Map.class.isAssignableFrom(raw) && shape.type() == ShapeType.MAP) {
      Type valueType = typeArgument(generic, 1);
      Conversion each = conversion(valueType, rawClass(valueType), model.shape(shape.value()));
      return value -> {
        if (value == null) {
          return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : castMap(value).entrySet()) {
          out.put(e.getKey(), each.apply(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
      };
    }
    return value -> convert(value, generic, raw);
  }

  /** A record class bound from one structure shape. Immutable. */
  private static final class Plan {
    private final Class<?> type;
    private final String[] members;
    private final Conversion[] conversions;

    private Plan(Class<?> type, String[] members, Conversion[] conversions) {
      this.type = type;
      this.members = members;
      this.conversions = conversions;
    }

    /** A plan, or null when the shape cannot have one (member names equal but for case). */
    static Plan of(Class<?> type, Shape shape, RecordBinder binder) {
      if (shape.type() != ShapeType.STRUCTURE) {
        return null;
      }
      java.util.Set<String> folded = new java.util.HashSet<>();
      for (String m : shape.members().keySet()) {
        if (!folded.add(m.toLowerCase(java.util.Locale.ROOT))) {
          return null;
        }
      }
      RecordComponent[] components = type.getRecordComponents();
      String[] members = new String[components.length];
      Conversion[] conversions = new Conversion[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        members[i] = MemberNames.memberName(c.getName(), shape.members().keySet());
        String memberShape = shape.members().get(members[i]);
        conversions[i] = binder.conversion(c.getGenericType(), c.getType(),
            memberShape == null ? null : binder.model.shape(memberShape));
      }
      return new Plan(type, members, conversions);
    }

    Object bind(Map<String, Object> values) {
      Object[] args = new Object[members.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = conversions[i].apply(values.get(members[i]));
      }
      return construct(type, args);
    }
  }

  /** Creates a {@code type} record from a structure's values (member name to value). */
  static <T> T bind(Map<String, Object> values, Class<T> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException("operation input type is not a record: " + type.getName());
    }
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String member = MemberNames.memberName(c.getName(), values.keySet());
      args[i] = convert(values.get(member), c.getGenericType(), c.getType());
    }
    return type.cast(construct(type, args));
  }

  private static Object construct(Class<?> type, Object[] args) {
    try {
      return CONSTRUCTORS.get(type).newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException("cannot create " + type.getName(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + type.getName(), e);
    }
  }

  private static Object convert(Object value, Type generic, Class<?> raw) {
    if (value == null) {
      return raw.isPrimitive() ? primitiveDefault(raw) : null;
    }
    if (raw == Object.class) {
      return value;
    }
    if (raw == String.class) {
      return value.toString();
    }
    if (raw == Integer.class || raw == int.class) {
      return ((Number) value).intValue();
    }
    if (raw == Long.class || raw == long.class) {
      return ((Number) value).longValue();
    }
    if (raw == Short.class || raw == short.class) {
      return ((Number) value).shortValue();
    }
    if (raw == Double.class || raw == double.class) {
      return ((Number) value).doubleValue();
    }
    if (raw == Float.class || raw == float.class) {
      return ((Number) value).floatValue();
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return value;
    }
    if (raw == byte[].class || raw == Instant.class) {
      return value;
    }
    if (raw == ByteBuffer.class) {
      return ByteBuffer.wrap((byte[]) value).asReadOnlyBuffer();
    }
    if (raw.isEnum()) {
      return enumConstant(raw, value.toString());
    }
    if (raw.isRecord()) {
      return bind(castMap(value), raw);
    }
    if (List.class.isAssignableFrom(raw)) {
      Type element = typeArgument(generic, 0);
      List<Object> out = new ArrayList<>();
      for (Object item : (List<?>) value) {
        out.add(convert(item, element, rawClass(element)));
      }
      return Collections.unmodifiableList(out);
    }
    if (Map.class.isAssignableFrom(raw)) {
      Type valueType = typeArgument(generic, 1);
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : castMap(value).entrySet()) {
        out.put(e.getKey(), convert(e.getValue(), valueType, rawClass(valueType)));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalStateException("unsupported record component type: " + generic);
  }

  private static Object enumConstant(Class<?> raw, String name) {
    for (Object constant : raw.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name) || constant.toString().equals(name)) {
        return constant;
      }
    }
    throw new AwsException(CommonError.SERIALIZATION, null);
  }

  private static Object primitiveDefault(Class<?> raw) {
    if (raw == boolean.class) {
      return Boolean.FALSE;
    }
    if (raw == long.class) {
      return 0L;
    }
    if (raw == double.class) {
      return 0d;
    }
    if (raw == float.class) {
      return 0f;
    }
    if (raw == short.class) {
      return (short) 0;
    }
    return 0;
  }

  private static Type typeArgument(Type generic, int index) {
    if (generic instanceof ParameterizedType) {
      Type[] args = ((ParameterizedType) generic).getActualTypeArguments();
      if (args.length > index) {
        return args[index];
      }
    }
    return Object.class;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class) {
      return (Class<?>) type;
    }
    if (type instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) type).getRawType();
    }
    return Object.class;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }
}
