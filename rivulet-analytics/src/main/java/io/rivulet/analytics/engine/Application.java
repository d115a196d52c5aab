package io.rivulet.analytics.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of an application as the control plane keeps it (and writes it to disk as JSON).
 * The configuration is held in the {@code ApplicationConfiguration} shape of the model (what
 * CreateApplication takes) with every update applied and the ids AWS assigns ({@code InputId},
 * {@code OutputId}, {@code ReferenceId}, {@code VpcConfigurationId}) kept in the elements; the
 * application jar is not in it but in {@link #code}. Immutable.
 *
 * @param status an ApplicationStatus value (READY, STARTING, RUNNING, ...)
 * @param configuration the ApplicationConfiguration (maps, lists, strings, numbers, booleans)
 * @param cloudWatchLoggingOptions {@code CloudWatchLoggingOptionId} and {@code LogStreamARN} each
 * @param runConfiguration the RunConfiguration of the last StartApplication (or UpdateApplication's
 *     RunConfigurationUpdate), or null
 * @param code the stored application code of this version (ZIPFILE or S3 content), or null
 * @param idCounters the last id number given per kind (Input, Output, ...), so ids are not reused
 */
public record Application(
    String account,
    String region,
    String name,
    String description,
    String runtimeEnvironment,
    String serviceExecutionRole,
    String mode,
    String status,
    long versionId,
    long createMillis,
    long lastUpdateMillis,
    long versionCreateMillis,
    Map<String, Object> configuration,
    List<Map<String, Object>> cloudWatchLoggingOptions,
    Map<String, Object> runConfiguration,
    StoredCode code,
    String maintenanceWindowStart,
    Long versionUpdatedFrom,
    Long versionRolledBackFrom,
    Long versionRolledBackTo,
    Map<String, String> tags,
    Map<String, Integer> idCounters) {

  public Application {
    configuration = configuration == null ? Map.of() : configuration;
    cloudWatchLoggingOptions = cloudWatchLoggingOptions == null ? List.of() : cloudWatchLoggingOptions;
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    idCounters = idCounters == null ? Map.of() : Map.copyOf(idCounters);
  }

  /** The application code a version holds on disk: its file (relative to the code directory), MD5 and size. */
  public record StoredCode(String file, String md5, long size) {}

  /** {@code arn:aws:kinesisanalytics:<region>:<account>:application/<name>}. */
  public String arn() {
    return arn(account, region, name);
  }

  public static String arn(String account, String region, String name) {
    return "arn:aws:kinesisanalytics:" + region + ":" + account + ":application/" + name;
  }

  public boolean isSql() {
    return "SQL-1_0".equals(runtimeEnvironment);
  }

  public boolean isZeppelin() {
    return runtimeEnvironment.startsWith("ZEPPELIN");
  }

  public boolean isFlink() {
    return !isSql();
  }

  public Application withStatus(String s) {
    return new Application(account, region, name, description, runtimeEnvironment,
        serviceExecutionRole, mode, s, versionId, createMillis, lastUpdateMillis,
        versionCreateMillis, configuration, cloudWatchLoggingOptions, runConfiguration, code,
        maintenanceWindowStart, versionUpdatedFrom, versionRolledBackFrom, versionRolledBackTo,
        tags, idCounters);
  }

  public Application withTags(Map<String, String> t) {
    return new Application(account, region, name, description, runtimeEnvironment,
        serviceExecutionRole, mode, status, versionId, createMillis, lastUpdateMillis,
        versionCreateMillis, configuration, cloudWatchLoggingOptions, runConfiguration, code,
        maintenanceWindowStart, versionUpdatedFrom, versionRolledBackFrom, versionRolledBackTo,
        t, idCounters);
  }

  public Application withRunConfiguration(Map<String, Object> run) {
    return new Application(account, region, name, description, runtimeEnvironment,
        serviceExecutionRole, mode, status, versionId, createMillis, lastUpdateMillis,
        versionCreateMillis, configuration, cloudWatchLoggingOptions, run, code,
        maintenanceWindowStart, versionUpdatedFrom, versionRolledBackFrom, versionRolledBackTo,
        tags, idCounters);
  }

  public Application withMaintenanceWindowStart(String start, long nowMillis) {
    return new Application(account, region, name, description, runtimeEnvironment,
        serviceExecutionRole, mode, status, versionId, createMillis, nowMillis,
        versionCreateMillis, configuration, cloudWatchLoggingOptions, runConfiguration, code,
        start, versionUpdatedFrom, versionRolledBackFrom, versionRolledBackTo, tags, idCounters);
  }

  /** A changes builder starting from this version. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Assembles the next version of an application. Not thread-safe. */
  public static final class Builder {
    public String description;
    public String runtimeEnvironment;
    public String serviceExecutionRole;
    public String status;
    public Map<String, Object> configuration;
    public List<Map<String, Object>> cloudWatchLoggingOptions;
    public Map<String, Object> runConfiguration;
    public StoredCode code;
    public Map<String, Integer> idCounters;
    private final Application from;

    Builder(Application from) {
      this.from = from;
      this.description = from.description;
      this.runtimeEnvironment = from.runtimeEnvironment;
      this.serviceExecutionRole = from.serviceExecutionRole;
      this.status = from.status;
      this.configuration = from.configuration;
      this.cloudWatchLoggingOptions = from.cloudWatchLoggingOptions;
      this.runConfiguration = from.runConfiguration;
      this.code = from.code;
      this.idCounters = new LinkedHashMap<>(from.idCounters);
    }

    /** The version this builder starts from. */
    public Application from() {
      return from;
    }

    /** The next version: id + 1, updated from this one, created now. */
    public Application nextVersion(long nowMillis) {
      return new Application(from.account, from.region, from.name, description,
          runtimeEnvironment, serviceExecutionRole, from.mode, status, from.versionId + 1,
          from.createMillis, nowMillis, nowMillis, configuration, cloudWatchLoggingOptions,
          runConfiguration, code, from.maintenanceWindowStart, from.versionId, null, null,
          from.tags, idCounters);
    }
  }
}
