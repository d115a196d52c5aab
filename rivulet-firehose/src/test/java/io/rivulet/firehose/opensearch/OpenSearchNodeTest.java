package io.rivulet.firehose.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself: a real node that indexes through _bulk, counts, searches and restarts. */
class OpenSearchNodeTest {
  private static OpenSearchNode node;

  @BeforeAll
  static void start() {
    node = OpenSearchNode.start();
    System.out.println("OpenSearch node started in " + node.startupTime().toMillis() + " ms");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void bulkCountSearchAndVersion() {
    JsonNode info = node.request("GET", "/", null);
    assertThat(info.path("version").path("distribution").asText()).isEqualTo("opensearch");
    assertThat(info.path("version").path("number").asText()).startsWith("2.19.");
    JsonNode bulk = node.request("POST", "/_bulk",
        "{\"index\":{\"_index\":\"harness\",\"_id\":\"1\"}}\n{\"n\":1,\"s\":\"one\"}\n"
            + "{\"index\":{\"_index\":\"harness\",\"_id\":\"2\"}}\n{\"n\":2,\"s\":\"two\"}\n");
    assertThat(bulk.path("errors").asBoolean()).isFalse();
    assertThat(node.count("harness")).isEqualTo(2);
    assertThat(node.search("harness", "{\"query\":{\"match\":{\"s\":\"two\"}}}"))
        .extracting(h -> h.path("_id").asText()).containsExactly("2");
    assertThat(node.indices("harn*")).containsExactly("harness");
  }
}
