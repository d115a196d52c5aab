package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.analytics.engine.SchemaDiscovery;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.Map;

/**
 * DiscoverInputSchema: samples a Kinesis stream (or an S3 object's lines) and infers the record
 * format (JSON or CSV) and columns with SQL types; input preprocessing by Lambda is not supported.
 */
public final class DiscoverInputSchema
    extends AnalyticsOperation<DiscoverInputSchema.Input, DiscoverInputSchema.Output> {

  public record Input(String resourceARN, String serviceExecutionRole,
      Map<String, Object> inputStartingPositionConfiguration, Map<String, Object> s3Configuration,
      Map<String, Object> inputProcessingConfiguration) {}

  public record Output(Map<String, Object> inputSchema, List<List<String>> parsedInputRecords,
      List<String> processedInputRecords, List<String> rawInputRecords) {}

  private final SchemaDiscovery discovery;

  public DiscoverInputSchema(AnalyticsEngine engine, Descriptions descriptions,
      SchemaDiscovery discovery) {
    super(engine, descriptions, Input.class);
    this.discovery = discovery;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Output call(Input in, RequestContext ctx) {
    if (in.inputProcessingConfiguration() != null) {
      throw AnalyticsError.UNSUPPORTED_OPERATION.with("Schema discovery with an input processing"
          + " configuration (Lambda preprocessing) is not supported by this server.");
    }
    Object position = in.inputStartingPositionConfiguration() == null ? null
        : in.inputStartingPositionConfiguration().get("InputStartingPosition");
    Map<String, Object> r = discovery.discover(in.resourceARN(),
        position == null ? null : position.toString(), in.s3Configuration());
    return new Output((Map<String, Object>) r.get("InputSchema"),
        (List<List<String>>) r.get("ParsedInputRecords"),
        (List<String>) r.get("ProcessedInputRecords"), (List<String>) r.get("RawInputRecords"));
  }
}
