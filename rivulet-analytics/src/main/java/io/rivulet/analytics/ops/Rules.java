package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Configurations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks a configuration passes before it is stored, shared by several operations. Stateless. */
final class Rules {
  /** SQL-1_0 limits: inputs, outputs and reference data sources per application. */
  static final int MAX_SQL_INPUTS = 1;
  static final int MAX_SQL_OUTPUTS = 3;
  static final int MAX_SQL_REFERENCES = 1;

  private Rules() {}

  /** Sections that belong to other runtimes, missing or inconsistent code, SQL limits. */
  static void check(String runtime, Map<String, Object> config, boolean storedCode) {
    boolean sql = runtime.equals("SQL-1_0");
    boolean zeppelin = runtime.startsWith("ZEPPELIN");
    if (!sql && config.get("SqlApplicationConfiguration") != null) {
      throw AnalyticsError.INVALID_ARGUMENT.with(
          "SqlApplicationConfiguration is supported only for SQL-1_0 applications.");
    }
    if (sql) {
      for (String flinkOnly : List.of("FlinkApplicationConfiguration", "EnvironmentProperties",
          "ApplicationSnapshotConfiguration", "ApplicationSystemRollbackConfiguration",
          "VpcConfigurations", "ZeppelinApplicationConfiguration")) {
        if (config.get(flinkOnly) != null) {
          throw AnalyticsError.INVALID_ARGUMENT.with(
              flinkOnly + " is not supported for SQL-1_0 applications.");
        }
      }
    }
    if (!zeppelin && config.get("ZeppelinApplicationConfiguration") != null) {
      throw AnalyticsError.INVALID_ARGUMENT.with(
          "ZeppelinApplicationConfiguration is supported only for Studio (ZEPPELIN) applications.");
    }
    if (!storedCode) {
      checkCode(config);
    }
    if (sql) {
      limit(config, "Inputs", MAX_SQL_INPUTS, "inputs");
      limit(config, "Outputs", MAX_SQL_OUTPUTS, "outputs");
      limit(config, "ReferenceDataSources", MAX_SQL_REFERENCES, "reference data sources");
    }
  }

  private static void checkCode(Map<String, Object> config) {
    Object type = Configurations.get(config, "ApplicationCodeConfiguration", "CodeContentType");
    if (type == null) {
      return;
    }
    Object content = Configurations.get(config, "ApplicationCodeConfiguration", "CodeContent");
    Map<?, ?> c = content instanceof Map<?, ?> m ? m : Map.of();
    if (type.equals("PLAINTEXT") && c.get("TextContent") == null) {
      throw AnalyticsError.INVALID_ARGUMENT.with(
          "TextContent is required when CodeContentType is PLAINTEXT.");
    }
    if (type.equals("ZIPFILE") && c.get("ZipFileContent") == null
        && c.get("S3ContentLocation") == null) {
      throw AnalyticsError.INVALID_ARGUMENT.with(
          "ZipFileContent or S3ContentLocation is required when CodeContentType is ZIPFILE.");
    }
    if (type.equals("ZIPFILE") && c.get("TextContent") != null) {
      throw AnalyticsError.INVALID_ARGUMENT.with(
          "TextContent cannot be used when CodeContentType is ZIPFILE.");
    }
  }

  private static void limit(Map<String, Object> config, String list, int max, String what) {
    if (Configurations.get(config, "SqlApplicationConfiguration", list) instanceof List<?> l
        && l.size() > max) {
      throw AnalyticsError.LIMIT_EXCEEDED.with("An application can have at most " + max + " "
          + what + ".");
    }
  }

  /** Tags as a map, checked: at most 50, no {@code aws:} keys. */
  static Map<String, String> tags(Map<String, String> existing, List<AnalyticsOperation.Tag> add) {
    Map<String, String> out = new LinkedHashMap<>(existing);
    if (add != null) {
      for (AnalyticsOperation.Tag t : add) {
        if (t.key().startsWith("aws:")) {
          throw AnalyticsError.INVALID_ARGUMENT.with("Tag keys cannot start with the reserved"
              + " prefix aws: (" + t.key() + ").");
        }
        out.put(t.key(), t.value() == null ? "" : t.value());
      }
    }
    if (out.size() > AnalyticsEngine.MAX_TAGS) {
      throw AnalyticsError.TOO_MANY_TAGS.with("An application can have at most "
          + AnalyticsEngine.MAX_TAGS + " tags.");
    }
    return out;
  }

  /** A VPC configuration as stored: a VpcId derived from its subnets (AWS looks it up). */
  static Map<String, Object> vpc(Map<String, Object> vpc) {
    Map<String, Object> out = Configurations.copyMap(vpc);
    String subnets = String.valueOf(out.get("SubnetIds"));
    out.putIfAbsent("VpcId", "vpc-" + Integer.toHexString(subnets.hashCode() & 0x7fffffff));
    return out;
  }
}
