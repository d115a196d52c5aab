package io.rivulet.analytics.engine;

import io.rivulet.analytics.AnalyticsError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ApplicationConfiguration kept per version: ids given to new inputs, outputs, reference data
 * sources, VPC configurations and CloudWatch logging options ({@code "1.1"}, {@code "2.1"}, ...
 * as AWS numbers them), and an ApplicationConfigurationUpdate applied member by member
 * ({@code XUpdate} changes {@code X}; {@code XUpdates} lists change the element with the same id).
 * Stateless and thread-safe.
 */
public final class Configurations {
  /** Lists whose elements have ids, by list member name: the id member name. */
  static final Map<String, String> ID_LISTS = Map.of(
      "Inputs", "InputId",
      "Outputs", "OutputId",
      "ReferenceDataSources", "ReferenceId",
      "VpcConfigurations", "VpcConfigurationId");

  /** Members of which one at most is set: updating one removes the others. */
  private static final List<Set<String>> EXCLUSIVE = List.of(
      Set.of("KinesisStreamsInput", "KinesisFirehoseInput"),
      Set.of("KinesisStreamsOutput", "KinesisFirehoseOutput", "LambdaOutput"),
      Set.of("TextContent", "ZipFileContent", "S3ContentLocation"));

  private Configurations() {}

  /** A deep mutable copy of a JSON-like value. */
  @SuppressWarnings("unchecked")
  public static Object copy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, copy(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> copyMap(Map<String, Object> value) {
    return value == null ? new LinkedHashMap<>() : (Map<String, Object>) copy(value);
  }

  /** Gives every element of an id list that has no id the next id of its kind. */
  @SuppressWarnings("unchecked")
  public static void assignIds(Object value, Map<String, Integer> counters) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> map = (Map<String, Object>) m;
      for (Map.Entry<String, Object> e : map.entrySet()) {
        String idMember = ID_LISTS.get(e.getKey());
        if (idMember != null && e.getValue() instanceof List<?> list) {
          for (Object element : list) {
            Map<String, Object> el = (Map<String, Object>) element;
            if (el.get(idMember) == null) {
              el.put(idMember, nextId(idMember, counters));
            }
          }
        }
        assignIds(e.getValue(), counters);
      }
    } else if (value instanceof List<?> l) {
      l.forEach(v -> assignIds(v, counters));
    }
  }

  /** The next id of a kind ("1.1", "2.1", ...), counted in {@code counters}. */
  public static String nextId(String kind, Map<String, Integer> counters) {
    int n = counters.getOrDefault(kind, 0) + 1;
    counters.put(kind, n);
    return n + ".1";
  }

  /** Applies an update structure ({@code XUpdate} members) to a configuration structure in place. */
  @SuppressWarnings("unchecked")
  public static void apply(Map<String, Object> target, Map<String, Object> update) {
    for (Map.Entry<String, Object> e : update.entrySet()) {
      String name = target(e.getKey());
      Object value = e.getValue();
      if (value == null) {
        continue;
      }
      EXCLUSIVE.stream().filter(group -> group.contains(name))
          .forEach(group -> group.stream().filter(o -> !o.equals(name)).forEach(target::remove));
      String idMember = ID_LISTS.get(name);
      if (idMember != null && value instanceof List<?> updates) {
        List<Object> elements = (List<Object>) target.computeIfAbsent(name, k -> new ArrayList<>());
        for (Object u : updates) {
          Map<String, Object> elementUpdate = (Map<String, Object>) u;
          Object id = elementUpdate.get(idMember);
          Map<String, Object> element = elements.stream().map(x -> (Map<String, Object>) x)
              .filter(x -> id != null && id.equals(x.get(idMember))).findFirst()
              .orElseThrow(() -> AnalyticsError.INVALID_ARGUMENT.with(
                  singular(name) + " with id " + id + " not found in the application."));
          apply(element, elementUpdate);
        }
      } else if (value instanceof Map<?, ?> m && target.get(name) instanceof Map<?, ?> existing
          && !name.equals("EnvironmentProperties")) {
        apply((Map<String, Object>) existing, (Map<String, Object>) m);
      } else if (value instanceof Map<?, ?> m) {
        Map<String, Object> fresh = new LinkedHashMap<>();
        apply(fresh, (Map<String, Object>) m);
        target.put(name, fresh);
      } else {
        target.put(name, copy(value));
      }
    }
  }

  /** The configuration member an update member changes. */
  static String target(String updateMember) {
    if (updateMember.equals("EnvironmentPropertyUpdates")) {
      return "EnvironmentProperties";
    }
    if (updateMember.endsWith("Updates")) {
      return updateMember.substring(0, updateMember.length() - "Updates".length()) + "s";
    }
    if (updateMember.endsWith("Update")) {
      return updateMember.substring(0, updateMember.length() - "Update".length());
    }
    return updateMember;
  }

  private static String singular(String listName) {
    return switch (listName) {
      case "Inputs" -> "Input";
      case "Outputs" -> "Output";
      case "ReferenceDataSources" -> "Reference data source";
      default -> "VPC configuration";
    };
  }

  /** The member map at {@code path} (created when absent). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> section(Map<String, Object> config, String... path) {
    Map<String, Object> at = config;
    for (String p : path) {
      at = (Map<String, Object>) at.computeIfAbsent(p, k -> new LinkedHashMap<>());
    }
    return at;
  }

  /** The list at {@code path} (created when absent). */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Map<String, Object> config, String... path) {
    Map<String, Object> parent = section(config, java.util.Arrays.copyOf(path, path.length - 1));
    return (List<Object>) parent.computeIfAbsent(path[path.length - 1], k -> new ArrayList<>());
  }

  /** The member at {@code path}, or null. */
  public static Object get(Map<String, Object> config, String... path) {
    Object at = config;
    for (String p : path) {
      if (!(at instanceof Map<?, ?> m)) {
        return null;
      }
      at = m.get(p);
    }
    return at;
  }
}
