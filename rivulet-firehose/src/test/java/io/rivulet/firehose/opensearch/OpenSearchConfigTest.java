package io.rivulet.firehose.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.protocol.AwsException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What CreateDeliveryStream/UpdateDestination refuse, and the defaults of what they accept. */
class OpenSearchConfigTest {

  static Map<String, Object> domainConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put("RoleARN", "arn:aws:iam::000000000000:role/firehose");
    c.put("ClusterEndpoint", "https://search-logs.us-east-1.es.amazonaws.com");
    c.put("IndexName", "logs");
    c.put("S3Configuration", Map.of("RoleARN", "arn:aws:iam::000000000000:role/firehose",
        "BucketARN", "arn:aws:s3:::backup"));
    return c;
  }

  private static void assertInvalid(Map<String, Object> config, String message) {
    assertThatThrownBy(() -> OpenSearchDestinationWriter.validate(config))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code().type()).isEqualTo("InvalidArgumentException");
          assertThat(e.code().status()).isEqualTo(400);
        })
        .hasMessageContaining(message);
  }

  @Test
  void defaults() {
    OpenSearchConfig c = OpenSearchConfig.parse(OpenSearchFlavor.OPENSEARCH_SERVICE,
        domainConfig(), Map.of());
    assertThat(c.rotation()).isEqualTo(IndexRotation.OneDay);
    assertThat(c.documentIds()).isTrue();
    assertThat(c.retryDuration()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.backupAll()).isFalse();
    assertThat(c.typeName()).isNull();
    assertThat(c.endpoint()).hasToString("https://search-logs.us-east-1.es.amazonaws.com");
  }

  @Test
  void explicitSettingsAndEndpointMap() {
    Map<String, Object> config = domainConfig();
    config.remove("ClusterEndpoint");
    config.put("DomainARN", "arn:aws:es:us-east-1:000000000000:domain/logs");
    config.put("IndexRotationPeriod", "NoRotation");
    config.put("DocumentIdOptions", Map.of("DefaultDocumentIdFormat", "NO_DOCUMENT_ID"));
    config.put("RetryOptions", Map.of("DurationInSeconds", 0));
    config.put("S3BackupMode", "AllDocuments");
    config.put("TypeName", "_doc");
    OpenSearchConfig c = OpenSearchConfig.parse(OpenSearchFlavor.ELASTICSEARCH, config,
        Map.of("arn:aws:es:us-east-1:000000000000:domain/logs", "http://127.0.0.1:9200"));
    assertThat(c.endpoint()).hasToString("http://127.0.0.1:9200");
    assertThat(c.rotation()).isEqualTo(IndexRotation.NoRotation);
    assertThat(c.documentIds()).isFalse();
    assertThat(c.retryDuration()).isZero();
    assertThat(c.backupAll()).isTrue();
    assertThat(c.typeName()).isEqualTo("_doc");
    assertThat(OpenSearchConfig.parse(OpenSearchFlavor.ELASTICSEARCH, config, Map.of())
        .endpoint()).isNull();
  }

  @Test
  void serverlessHasNoRotationTypeOrIds() {
    Map<String, Object> config = domainConfig();
    config.remove("ClusterEndpoint");
    config.put("CollectionEndpoint", "https://abc.us-east-1.aoss.amazonaws.com");
    OpenSearchDestinationWriter.validate(config);
    OpenSearchConfig c = OpenSearchConfig.parse(OpenSearchFlavor.OPENSEARCH_SERVERLESS, config,
        Map.of());
    assertThat(c.rotation()).isEqualTo(IndexRotation.NoRotation);
    assertThat(c.documentIds()).isFalse();
  }

  @Test
  void exactlyOneOfDomainArnAndClusterEndpoint() {
    Map<String, Object> neither = domainConfig();
    neither.remove("ClusterEndpoint");
    assertInvalid(neither, "Exactly one of DomainARN and ClusterEndpoint");
    Map<String, Object> both = domainConfig();
    both.put("DomainARN", "arn:aws:es:us-east-1:000000000000:domain/logs");
    assertInvalid(both, "Exactly one of DomainARN and ClusterEndpoint");
  }

  @Test
  void refusesBadValues() {
    Map<String, Object> c = domainConfig();
    c.put("RetryOptions", Map.of("DurationInSeconds", 7201));
    assertInvalid(c, "between 0 and 7200");
    c = domainConfig();
    c.put("IndexRotationPeriod", "OneYear");
    assertInvalid(c, "IndexRotationPeriod");
    c = domainConfig();
    c.put("DocumentIdOptions", Map.of("DefaultDocumentIdFormat", "RANDOM"));
    assertInvalid(c, "DefaultDocumentIdFormat");
    c = domainConfig();
    c.put("S3BackupMode", "Everything");
    assertInvalid(c, "S3BackupMode");
    c = domainConfig();
    c.remove("S3Configuration");
    assertInvalid(c, "S3Configuration");
    c = domainConfig();
    c.remove("IndexName");
    assertInvalid(c, "IndexName is required");
    c = domainConfig();
    c.put("ClusterEndpoint", "not a url");
    assertInvalid(c, "ClusterEndpoint is not a valid URL");
  }
}
