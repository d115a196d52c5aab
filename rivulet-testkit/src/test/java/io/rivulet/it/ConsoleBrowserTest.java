package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web console in a real browser: {@code src/test/browser/console.spec.mjs} drives Debian's
 * {@code chromium} headless through {@code playwright-core} against this server (create a stream,
 * put records, see them in the live tail and the charts, the "not available yet" sections), fails
 * on any console error, and saves screenshots to {@code target/console-screenshots/}. Skipped
 * without {@code node}, {@code /usr/bin/chromium} or the npm package ({@code .ci/run} installs
 * all three). Also checks, without a browser, how the console's files are served.
 */
class ConsoleBrowserTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Test
  void consoleWorksInChromium() throws Exception {
    BrowserSpecs.run("console.spec.mjs", Map.of("RIVULET_ENDPOINT", rivulet.endpoint().toString()));
    assertThat(BrowserSpecs.SHOTS.resolve("05-live-tail.png")).exists();
  }

  @Test
  void servesTheConsoleWithTypesAndCaching() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> index = get(http, "/", null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(index.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(index.headers().firstValue("content-security-policy").orElse(""))
        .contains("default-src 'self'");
    assertThat(index.body()).contains("<script type=\"module\" src=\"/console/app.js\">");
    String etag = index.headers().firstValue("etag").orElseThrow();
    assertThat(get(http, "/", etag).statusCode()).isEqualTo(304);

    HttpResponse<String> js = get(http, "/console/app.js", null);
    assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(get(http, "/console/console.css", null).headers().firstValue("content-type"))
        .hasValue("text/css; charset=utf-8");
    assertThat(get(http, "/console/nope.js", null).statusCode()).isEqualTo(404);
    assertThat(get(http, "/console/..%2Fpom.xml", null).statusCode()).isEqualTo(404);

    HttpResponse<String> services = get(http, "/console/api/services", null);
    assertThat(services.body()).contains("\"Kinesis_20131202\"");
    HttpResponse<String> metrics = get(http, "/console/api/metrics", null);
    assertThat(metrics.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(metrics.body()).startsWith("{\"timeMillis\":").contains("\"streams\":[");
  }

  private static HttpResponse<String> get(HttpClient http, String path, String ifNoneMatch)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rivulet.endpoint() + path));
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
