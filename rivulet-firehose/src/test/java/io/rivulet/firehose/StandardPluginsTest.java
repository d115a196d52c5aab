package io.rivulet.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's endpoint map: how it is parsed and how it rewrites configured URLs. */
class StandardPluginsTest {

  @Test
  void parsesFromToPairs() {
    assertThat(StandardPlugins.parseEndpointMap(
        "https://a.example.com=http://127.0.0.1:1,arn:aws:es:us-east-1:000000000000:domain/d=http://h:9200/x?y=z"))
        .containsExactly(Map.entry("https://a.example.com", "http://127.0.0.1:1"),
            Map.entry("arn:aws:es:us-east-1:000000000000:domain/d", "http://h:9200/x?y=z"));
    assertThat(StandardPlugins.parseEndpointMap(null)).isEmpty();
    assertThat(StandardPlugins.parseEndpointMap(" ")).isEmpty();
    assertThatThrownBy(() -> StandardPlugins.parseEndpointMap("no-equals"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StandardPlugins.parseEndpointMap("from="))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWholeUrlOrItsOriginIsRewritten() {
    Map<String, Object> http = Map.of("EndpointConfiguration",
        Map.of("Url", "https://intake.example.com/v1/in?k=1", "Name", "n"), "RoleARN", "r");
    Map<String, String> byOrigin = Map.of("https://intake.example.com", "http://127.0.0.1:8080");
    assertThat(StandardPlugins.mapped(http, byOrigin, "EndpointConfiguration", "Url"))
        .containsEntry("RoleARN", "r")
        .extractingByKey("EndpointConfiguration").isEqualTo(
            Map.of("Url", "http://127.0.0.1:8080/v1/in?k=1", "Name", "n"));
    Map<String, String> whole = Map.of("https://intake.example.com/v1/in?k=1", "http://other:1/z");
    assertThat(StandardPlugins.mapped(http, whole, "EndpointConfiguration", "Url"))
        .extractingByKey("EndpointConfiguration").isEqualTo(Map.of("Url", "http://other:1/z", "Name", "n"));
    assertThat(StandardPlugins.mapped(http, Map.of("https://elsewhere", "http://x"),
        "EndpointConfiguration", "Url")).isSameAs(http);

    Map<String, Object> splunk = Map.of("HECEndpoint", "https://splunk.example.com:8088");
    assertThat(StandardPlugins.mapped(splunk, Map.of("https://splunk.example.com:8088",
        "http://127.0.0.1:9088"), null, "HECEndpoint")).containsEntry("HECEndpoint", "http://127.0.0.1:9088");
  }
}
