package io.rivulet.analytics.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a runtime needs to start one application version.
 *
 * @param applicationName the application's name
 * @param applicationArn its ARN ({@code arn:aws:kinesisanalytics:<region>:<account>:application/<name>})
 * @param account the owning account id
 * @param region the region
 * @param runtimeEnvironment e.g. "SQL-1_0", "FLINK-2_2", "FLINK-1_20"
 * @param versionId the application version being started
 * @param configuration the ApplicationConfiguration as AWS shapes it (member names as in the
 *     kinesisanalyticsv2 model, e.g. "SqlApplicationConfiguration" with its Inputs, Outputs and
 *     ReferenceDataSources, "FlinkApplicationConfiguration", "EnvironmentProperties"), with every
 *     update applied; raw JSON-like maps, lists, strings, numbers and booleans. The elements of
 *     Inputs, Outputs, ReferenceDataSources and VpcConfigurations also carry the ids the control
 *     plane gave them (InputId, OutputId, ReferenceId, VpcConfigurationId); a ZipFileContent is
 *     not in it (the jar is {@code code}), an S3ContentLocation is (already fetched to {@code code})
 * @param sqlCode the SQL-1_0 application code (TextContent), or null
 * @param code the application jar (for FLINK runtimes) already fetched to local disk, or null
 * @param properties EnvironmentProperties: property group id to its key/value map
 * @param parallelism the job's parallelism (1 by default on small machines)
 */
public record ApplicationSpec(
    String applicationName,
    String applicationArn,
    String account,
    String region,
    String runtimeEnvironment,
    long versionId,
    Map<String, Object> configuration,
    String sqlCode,
    Path code,
    Map<String, Map<String, String>> properties,
    int parallelism) {

  public ApplicationSpec {
    configuration = Map.copyOf(configuration);
    properties = Map.copyOf(properties);
  }
}
