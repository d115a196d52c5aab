package io.rivulet.analytics.engine;

import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.Shape;
import io.rivulet.protocol.ShapeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders stored applications in the description shapes of the model: the configuration's
 * members renamed to their {@code ...Description(s)} counterparts member by member, driven by the
 * model's shapes, with what AWS adds (in-application stream names, code MD5 and size, the Flink
 * defaults). Thread-safe (immutable).
 */
public final class Descriptions {
  /** Description members whose configuration member is not found by the naming rules. */
  private static final Map<String, String> RENAMED = Map.of(
      "EnvironmentPropertyDescriptions", "EnvironmentProperties",
      "PropertyGroupDescriptions", "PropertyGroups",
      "S3ApplicationCodeLocationDescription", "S3ContentLocation");

  private final ServiceModel model;

  public Descriptions(ServiceModel model) {
    this.model = model;
  }

  /** The ApplicationDetail of a version. */
  public Map<String, Object> detail(Application a, String conditionalToken) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("ApplicationARN", a.arn());
    d.put("ApplicationDescription", a.description());
    d.put("ApplicationName", a.name());
    d.put("RuntimeEnvironment", a.runtimeEnvironment());
    d.put("ServiceExecutionRole", a.serviceExecutionRole());
    d.put("ApplicationStatus", a.status());
    d.put("ApplicationVersionId", a.versionId());
    d.put("CreateTimestamp", Instant.ofEpochMilli(a.createMillis()));
    d.put("LastUpdateTimestamp", Instant.ofEpochMilli(a.lastUpdateMillis()));
    d.put("ApplicationConfigurationDescription", configuration(a));
    d.put("CloudWatchLoggingOptionDescriptions", a.cloudWatchLoggingOptions());
    if (a.isFlink()) {
      String start = a.maintenanceWindowStart();
      d.put("ApplicationMaintenanceConfigurationDescription", Map.of(
          "ApplicationMaintenanceWindowStartTime", start,
          "ApplicationMaintenanceWindowEndTime", windowEnd(start)));
    }
    d.put("ApplicationVersionUpdatedFrom", a.versionUpdatedFrom());
    d.put("ApplicationVersionRolledBackFrom", a.versionRolledBackFrom());
    d.put("ApplicationVersionRolledBackTo", a.versionRolledBackTo());
    d.put("ApplicationVersionCreateTimestamp", Instant.ofEpochMilli(a.versionCreateMillis()));
    d.put("ConditionalToken", conditionalToken);
    d.put("ApplicationMode", a.mode());
    return d;
  }

  /** A maintenance window's end: eight hours after its start ("HH:mm"). */
  static String windowEnd(String start) {
    int hour = Integer.parseInt(start.substring(0, 2));
    return String.format("%02d%s", (hour + 8) % 24, start.substring(2));
  }

  /** The ApplicationConfigurationDescription of a version. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> configuration(Application a) {
    Map<String, Object> d = structure(a.configuration(), "ApplicationConfigurationDescription");
    if (d.get("SqlApplicationConfigurationDescription") instanceof Map<?, ?> sql
        && sql.get("InputDescriptions") instanceof List<?> inputs) {
      inputs.forEach(i -> inAppStreams((Map<String, Object>) i, a));
    }
    Map<String, Object> code = (Map<String, Object>) d.get("ApplicationCodeConfigurationDescription");
    if (code != null) {
      Map<String, Object> content = (Map<String, Object>) code.computeIfAbsent(
          "CodeContentDescription", k -> new LinkedHashMap<>());
      if (a.code() != null) {
        content.put("CodeMD5", a.code().md5());
        content.put("CodeSize", a.code().size());
      } else if (content.get("TextContent") instanceof String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        content.put("CodeMD5", CodeStore.md5(bytes));
        content.put("CodeSize", (long) bytes.length);
      }
    }
    if (a.runConfiguration() != null) {
      d.put("RunConfigurationDescription", runConfiguration(a));
    }
    if (a.isFlink()) {
      flinkDefaults(d, a);
    }
    return d;
  }

  private static Map<String, Object> runConfiguration(Application a) {
    Map<String, Object> run = new LinkedHashMap<>();
    Object restore = a.runConfiguration().get("ApplicationRestoreConfiguration");
    run.put("ApplicationRestoreConfigurationDescription", restore);
    Object flink = a.runConfiguration().get("FlinkRunConfiguration");
    run.put("FlinkRunConfigurationDescription", flink);
    return run;
  }

  /** The in-application stream names of an input: the prefix and _001, _002, ... per parallelism. */
  private static void inAppStreams(Map<String, Object> input, Application a) {
    Object prefix = input.get("NamePrefix");
    int count = 1;
    if (input.get("InputParallelism") instanceof Map<?, ?> p && p.get("Count") instanceof Number n) {
      count = n.intValue();
    } else {
      input.put("InputParallelism", Map.of("Count", 1));
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(String.format("%s_%03d", prefix, i));
    }
    input.put("InAppStreamNames", names);
    if (a.runConfiguration() != null
        && a.runConfiguration().get("SqlRunConfigurations") instanceof List<?> runs) {
      for (Object r : runs) {
        if (r instanceof Map<?, ?> m && input.get("InputId").equals(m.get("InputId"))) {
          input.put("InputStartingPositionConfiguration", m.get("InputStartingPositionConfiguration"));
        }
      }
    }
  }

  /** What DescribeApplication shows for a Flink application that did not configure these. */
  @SuppressWarnings("unchecked")
  private static void flinkDefaults(Map<String, Object> d, Application a) {
    Map<String, Object> flink = (Map<String, Object>) d.computeIfAbsent(
        "FlinkApplicationConfigurationDescription", k -> new LinkedHashMap<>());
    Map<String, Object> cp = (Map<String, Object>) flink.computeIfAbsent(
        "CheckpointConfigurationDescription", k -> new LinkedHashMap<>());
    if (!"CUSTOM".equals(cp.get("ConfigurationType"))) {
      cp.put("ConfigurationType", "DEFAULT");
      cp.put("CheckpointingEnabled", true);
      cp.put("CheckpointInterval", 60000L);
      cp.put("MinPauseBetweenCheckpoints", 5000L);
    }
    Map<String, Object> mon = (Map<String, Object>) flink.computeIfAbsent(
        "MonitoringConfigurationDescription", k -> new LinkedHashMap<>());
    if (!"CUSTOM".equals(mon.get("ConfigurationType"))) {
      mon.put("ConfigurationType", "DEFAULT");
      mon.put("MetricsLevel", "APPLICATION");
      mon.put("LogLevel", "INFO");
    }
    Map<String, Object> par = (Map<String, Object>) flink.computeIfAbsent(
        "ParallelismConfigurationDescription", k -> new LinkedHashMap<>());
    if (!"CUSTOM".equals(par.get("ConfigurationType"))) {
      par.put("ConfigurationType", "DEFAULT");
      par.put("Parallelism", 1);
      par.put("ParallelismPerKPU", 1);
      par.put("AutoScalingEnabled", false);
    }
    par.put("CurrentParallelism", parallelism(a));
    d.putIfAbsent("ApplicationSnapshotConfigurationDescription", Map.of("SnapshotsEnabled", false));
    d.putIfAbsent("ApplicationSystemRollbackConfigurationDescription",
        Map.of("RollbackEnabled", false));
  }

  /** The parallelism a Flink application runs with: CUSTOM Parallelism, else 1. */
  public static int parallelism(Application a) {
    Object type = Configurations.get(a.configuration(), "FlinkApplicationConfiguration",
        "ParallelismConfiguration", "ConfigurationType");
    Object p = Configurations.get(a.configuration(), "FlinkApplicationConfiguration",
        "ParallelismConfiguration", "Parallelism");
    return "CUSTOM".equals(type) && p instanceof Number n ? n.intValue() : 1;
  }

  /** A structure of {@code shapeName} from the configuration structure {@code source}. */
  Map<String, Object> structure(Map<?, ?> source, String shapeName) {
    Shape shape = model.shape(shapeName);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> m : shape.members().entrySet()) {
      Object value = source.get(sourceMember(m.getKey(), source));
      if (value != null) {
        out.put(m.getKey(), convert(value, m.getValue()));
      }
    }
    return out;
  }

  private Object convert(Object value, String shapeName) {
    Shape shape = model.shape(shapeName);
    if (shape.type() == ShapeType.STRUCTURE && value instanceof Map<?, ?> m) {
      return structure(m, shapeName);
    }
    if (shape.type() == ShapeType.LIST && value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(convert(v, shape.member())));
      return out;
    }
    return value;
  }

  /** The configuration member a description member shows. */
  private static String sourceMember(String member, Map<?, ?> source) {
    if (source.containsKey(member)) {
      return member;
    }
    String renamed = RENAMED.get(member);
    if (renamed != null) {
      return renamed;
    }
    if (member.endsWith("Descriptions")) {
      return member.substring(0, member.length() - "Descriptions".length()) + "s";
    }
    if (member.endsWith("Description")) {
      return member.substring(0, member.length() - "Description".length());
    }
    return member;
  }
}
