package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.Configurations;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateApplication: version 1 in READY, ids given to inputs, outputs, reference data sources,
 * VPC configurations and logging options, the code stored (ZipFileContent, or the S3 object read
 * now), tags checked; STREAMING mode, INTERACTIVE for Studio (ZEPPELIN) runtimes.
 */
public final class CreateApplication
    extends AnalyticsOperation<CreateApplication.Input, CreateApplication.Output> {

  public record Input(String applicationName, String applicationDescription,
      String runtimeEnvironment, String serviceExecutionRole,
      Map<String, Object> applicationConfiguration,
      List<Map<String, Object>> cloudWatchLoggingOptions, List<Tag> tags, String applicationMode) {}

  public record Output(Map<String, Object> applicationDetail) {}

  /** The maintenance window AWS gives new Flink applications (it varies by region). */
  static final String DEFAULT_MAINTENANCE_WINDOW = "06:00";

  public CreateApplication(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    String runtime = in.runtimeEnvironment();
    boolean zeppelin = runtime.startsWith("ZEPPELIN");
    String mode = in.applicationMode() == null ? zeppelin ? "INTERACTIVE" : "STREAMING"
        : in.applicationMode();
    if (mode.equals("INTERACTIVE") != zeppelin) {
      throw AnalyticsError.INVALID_ARGUMENT.with("ApplicationMode " + mode
          + " is not supported for runtime " + runtime + ".");
    }
    Map<String, Object> config = Configurations.copyMap(in.applicationConfiguration());
    Rules.check(runtime, config, false);
    Map<String, Integer> counters = new LinkedHashMap<>();
    if (config.get("VpcConfigurations") instanceof List<?> vpcs) {
      List<Object> withIds = new ArrayList<>();
      vpcs.forEach(v -> withIds.add(Rules.vpc(asMap(v))));
      config.put("VpcConfigurations", withIds);
    }
    Configurations.assignIds(config, counters);
    List<Map<String, Object>> logging = new ArrayList<>();
    if (in.cloudWatchLoggingOptions() != null) {
      for (Map<String, Object> o : in.cloudWatchLoggingOptions()) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("CloudWatchLoggingOptionId", Configurations.nextId("CloudWatchLoggingOptionId", counters));
        option.put("LogStreamARN", o.get("LogStreamARN"));
        logging.add(option);
      }
    }
    Map<String, String> tags = Rules.tags(Map.of(), in.tags());
    @SuppressWarnings("unchecked")
    Map<String, Object> codeContent = (Map<String, Object>) Configurations.get(config,
        "ApplicationCodeConfiguration", "CodeContent");
    long now = engine.now();
    Application requested = new Application(ctx.accountId(), ctx.region(), in.applicationName(),
        in.applicationDescription() == null ? "" : in.applicationDescription(), runtime,
        in.serviceExecutionRole(), mode, "READY", 1, now, now, now, config, logging, null, null,
        runtime.equals("SQL-1_0") ? null : DEFAULT_MAINTENANCE_WINDOW, null, null, null, tags,
        counters);
    return new Output(detail(engine.create(requested, codeContent)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }
}
