package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * CreateApplicationPresignedUrl: FLINK_DASHBOARD_URL of a RUNNING Flink application is the
 * application's page in this server's web console (Rivulet has no separate Flink dashboard to
 * sign into; the token is not checked: the console signs its own calls); ZEPPELIN_UI_URL is refused for all but Studio applications, which Rivulet does not
 * run.
 */
public final class CreateApplicationPresignedUrl extends AnalyticsOperation<
    CreateApplicationPresignedUrl.Input, CreateApplicationPresignedUrl.Output> {

  public record Input(String applicationName, String urlType,
      Long sessionExpirationDurationInSeconds) {}

  public record Output(String authorizedUrl) {}

  private final Supplier<URI> console;

  public CreateApplicationPresignedUrl(AnalyticsEngine engine, Descriptions descriptions,
      Supplier<URI> console) {
    super(engine, descriptions, Input.class);
    this.console = console;
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Application a = application(ctx, in.applicationName());
    if (in.urlType().equals("ZEPPELIN_UI_URL") != a.isZeppelin()) {
      throw AnalyticsError.INVALID_ARGUMENT.with("URL type " + in.urlType()
          + " is not supported for a " + a.runtimeEnvironment() + " application.");
    }
    if (a.isSql()) {
      throw AnalyticsError.INVALID_ARGUMENT.with(
          "Presigned URLs are not supported for SQL-1_0 applications.");
    }
    if (!a.status().equals("RUNNING")) {
      throw AnalyticsError.RESOURCE_IN_USE.with("Application " + a.name() + " is in "
          + a.status() + " status; a dashboard URL is available only while it is RUNNING.");
    }
    long seconds = in.sessionExpirationDurationInSeconds() == null ? 43200
        : in.sessionExpirationDurationInSeconds();
    String url = console.get().toString().replaceAll("/$", "") + "/console/?authToken="
        + UUID.randomUUID() + "&expires=" + (engine.now() / 1000 + seconds) + "#/analytics/"
        + URLEncoder.encode(a.name(), StandardCharsets.UTF_8);
    return new Output(url);
  }
}
