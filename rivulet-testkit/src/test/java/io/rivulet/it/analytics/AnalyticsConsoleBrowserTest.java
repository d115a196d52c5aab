package io.rivulet.it.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RunningApplication;
import io.rivulet.analytics.runtime.RuntimeFailure;
import io.rivulet.it.BrowserSpecsAccess;
import io.rivulet.testkit.RivuletExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's Analytics pages in Chromium ({@code src/test/browser/analytics.spec.mjs}) with a
 * {@link TestRuntime} whose jobs report 7 records in (3 out): list, start, job state and
 * counters, snapshot on stop, operations. Also {@code /console/api/analytics} without a browser.
 * Skipped without node, Chromium or playwright-core, like the other browser tests.
 */
class AnalyticsConsoleBrowserTest {
  static final TestRuntime runtime = new TestRuntime("FLINK-2_2") {
    @Override
    public RunningApplication start(ApplicationSpec spec, Path restoreFrom, boolean allow)
        throws RuntimeFailure {
      RunningApplication job = super.start(spec, restoreFrom, allow);
      ((Job) job).process(7);
      return job;
    }
  };

  @RegisterExtension static RivuletExtension rivulet =
      new RivuletExtension().withRuntimes(() -> List.<ApplicationRuntime>of(runtime));

  static void createApplication(String name) {
    rivulet.analytics().createApplication(r -> r.applicationName(name).runtimeEnvironment("FLINK-2_2")
        .serviceExecutionRole("arn:aws:iam::000000000000:role/r")
        .applicationConfiguration(a -> a.applicationSnapshotConfiguration(s -> s.snapshotsEnabled(true))));
  }

  @Test
  void analyticsPagesInChromium() throws Exception {
    createApplication("console-app");
    BrowserSpecsAccess.run("analytics.spec.mjs", Map.of("RIVULET_ENDPOINT",
        rivulet.endpoint().toString(), "APPLICATION", "console-app"));
    assertThat(BrowserSpecsAccess.shots().resolve("21-analytics-running.png")).exists();
  }

  @Test
  void jobCountersEndpoint() throws Exception {
    createApplication("counted");
    rivulet.analytics().startApplication(r -> r.applicationName("counted"));
    HttpClient http = HttpClient.newHttpClient();
    String body = "";
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!body.contains("\"jobState\":\"RUNNING\"") && System.nanoTime() < deadline) {
      body = http.send(HttpRequest.newBuilder(URI.create(rivulet.endpoint() + "/console/api/analytics"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      Thread.sleep(20);
    }
    assertThat(body).contains("\"name\":\"counted\",\"status\":\"RUNNING\"")
        .contains("\"recordsIn\":7,\"recordsOut\":3");
    rivulet.analytics().stopApplication(r -> r.applicationName("counted").force(true));
  }
}
