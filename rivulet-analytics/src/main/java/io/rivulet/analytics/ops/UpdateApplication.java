package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.AnalyticsEngine.VersionCheck;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.Configurations;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.Map;

/**
 * UpdateApplication: a new version from an ApplicationConfigurationUpdate (each {@code XUpdate}
 * changes {@code X}; inputs, outputs, reference data sources and VPC configurations by id), a new
 * role, run configuration, logging options or Flink runtime; a running job restarts on it.
 */
public final class UpdateApplication
    extends AnalyticsOperation<UpdateApplication.Input, UpdateApplication.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId,
      Map<String, Object> applicationConfigurationUpdate, String serviceExecutionRoleUpdate,
      Map<String, Object> runConfigurationUpdate,
      List<Map<String, Object>> cloudWatchLoggingOptionUpdates, String conditionalToken,
      String runtimeEnvironmentUpdate) {}

  public record Output(Map<String, Object> applicationDetail, String operationId) {}

  public UpdateApplication(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), in.conditionalToken(), true), name(),
        b -> change(b, in));
    return new Output(detail(c.application()), operationId(c));
  }

  @SuppressWarnings("unchecked")
  private void change(Application.Builder b, Input in) {
    Application from = b.from();
    if (in.runtimeEnvironmentUpdate() != null
        && !in.runtimeEnvironmentUpdate().equals(from.runtimeEnvironment())) {
      if (from.isSql() || in.runtimeEnvironmentUpdate().equals("SQL-1_0")
          || from.isZeppelin() != in.runtimeEnvironmentUpdate().startsWith("ZEPPELIN")) {
        throw AnalyticsError.INVALID_ARGUMENT.with("The runtime environment of " + from.name()
            + " cannot change from " + from.runtimeEnvironment() + " to "
            + in.runtimeEnvironmentUpdate() + ".");
      }
      b.runtimeEnvironment = in.runtimeEnvironmentUpdate();
    }
    if (in.serviceExecutionRoleUpdate() != null) {
      b.serviceExecutionRole = in.serviceExecutionRoleUpdate();
    }
    if (in.applicationConfigurationUpdate() != null) {
      Configurations.apply(b.configuration, in.applicationConfigurationUpdate());
      if (Configurations.get(in.applicationConfigurationUpdate(),
          "ApplicationCodeConfigurationUpdate", "CodeContentUpdate") != null) {
        Map<String, Object> content = (Map<String, Object>) Configurations.get(b.configuration,
            "ApplicationCodeConfiguration", "CodeContent");
        Rules.check(b.runtimeEnvironment, b.configuration, false);
        b.code = engine.code().store(from, from.versionId() + 1, content);
      }
      Configurations.assignIds(b.configuration, b.idCounters);
    }
    Rules.check(b.runtimeEnvironment, b.configuration, b.code != null);
    if (in.runConfigurationUpdate() != null) {
      Map<String, Object> run = Configurations.copyMap(b.runConfiguration);
      run.putAll(Configurations.copyMap(in.runConfigurationUpdate()));
      b.runConfiguration = run;
    }
    if (in.cloudWatchLoggingOptionUpdates() != null) {
      for (Map<String, Object> u : in.cloudWatchLoggingOptionUpdates()) {
        Object id = u.get("CloudWatchLoggingOptionId");
        Map<String, Object> option = b.cloudWatchLoggingOptions.stream()
            .filter(o -> id.equals(o.get("CloudWatchLoggingOptionId"))).findFirst()
            .orElseThrow(() -> AnalyticsError.RESOURCE_NOT_FOUND.with(
                "CloudWatch logging option " + id + " not found in the application."));
        if (u.get("LogStreamARNUpdate") != null) {
          option.put("LogStreamARN", u.get("LogStreamARNUpdate"));
        }
      }
    }
  }
}
