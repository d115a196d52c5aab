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

/**
 * The reference for equivalence tests: the reflective binder as it was before the cached plans (commit
 * 44de13e), kept unchanged so the fast paths can be compared with it byte for byte.
 *
 * Binds values read by {@link ShapeReader} to input records (components named as the members in
 * lowerCamelCase). Supported component types: {@code String}, {@code Integer}/{@code Long}/{@code
 * Short}/{@code Double}/{@code Float} and their primitives, {@code Boolean}, {@code byte[]}, {@code
 * ByteBuffer}, {@code Instant}, {@code List<T>}, {@code Map<String, T>}, nested records, Java enums
 * (by constant name) and {@code Object} (the raw value). Thread-safe (reflection data is cached
 * per class).
 */
final class LegacyRecordBinder {
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

  private LegacyRecordBinder() {}

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
    try {
      return type.cast(CONSTRUCTORS.get(type).newInstance(args));
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
